"""First versions of the legal pages, created once by `load_reference_data`.

Admins maintain them in Django admin (with history); a later run never overwrites them.
They are written in German, the portal's official language.
"""

IMPRINT = """\
## Anbieter

Das IKZ-Portal Lippe ist die gemeinsame Arbeitsplattform des Netzwerks der
Digitalisierungsbeauftragten (Chief Digital Officers) des Kreises Lippe und seiner
16 Städte und Gemeinden im Rahmen der interkommunalen Zusammenarbeit (IKZ).

Kreis Lippe – Der Landrat
Felix-Fechenbach-Straße 5
32756 Detmold

Der Kreis Lippe ist eine Körperschaft des öffentlichen Rechts.

## Kontakt

Fragen zum Portal richten Sie bitte an die Portal-Administration des Netzwerks. Die
Kontaktadresse steht im Netzwerk auf der Seite des Kreises Lippe unter „Kommunen“.

## Inhaltlich verantwortlich

Für die Inhalte der einzelnen Projekte, Workshops und OZG-Stände ist jeweils die Kommune
verantwortlich, die sie eingetragen hat; sie ist auf der jeweiligen Seite genannt.

## Haftung für Links

Das Portal verweist auf Angebote anderer Stellen. Für deren Inhalte sind ausschließlich
deren Anbieter verantwortlich.
"""

PRIVACY = """\
## Verantwortliche Stelle

Verantwortlich im Sinne der Datenschutz-Grundverordnung (DSGVO) ist die im Impressum
genannte Stelle. Die Kontaktdaten der oder des behördlichen Datenschutzbeauftragten
erhalten Sie dort.

## Zweck und Rechtsgrundlage

Das Portal dient der Zusammenarbeit der Kommunen des Kreises Lippe bei der Digitalisierung.
Wir verarbeiten die Daten der eingeladenen Personen (Name, dienstliche E-Mail-Adresse,
Telefonnummer, Funktion, Kommune, Rolle, Motto und Aufgabenbeschreibung) zur Erfüllung
dieser öffentlichen Aufgabe (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 DSG NRW).

## Anmeldung und Sicherheit

Für die Anmeldung setzt das Portal ein technisch notwendiges Sitzungs-Cookie und ein
Cookie zum Schutz vor Cross-Site-Request-Forgery. Die gewählte Sprache wird in einem
Cookie gespeichert. Es gibt keine Cookies zu Werbe- oder Analysezwecken und keine
Einbindung von Diensten Dritter; alle Schriften und Skripte werden vom Portal selbst
ausgeliefert.

Beim Aufruf speichert der Server zur Abwehr von Angriffen und zur Fehleranalyse
technische Protokolldaten (Zeitpunkt, aufgerufene Adresse, Statuscode). Fehlgeschlagene
Anmeldeversuche werden zur Begrenzung von Angriffen kurzzeitig gezählt.

## E-Mails

Mitglieder erhalten Einladungen, Bestätigungen und – sofern sie es nicht abbestellen –
einen wöchentlichen Überblick. Jede E-Mail nennt, wie sie abbestellt werden kann.

## Speicherdauer

Konten werden gelöscht, wenn eine Person das Netzwerk verlässt. Änderungen an Datensätzen
werden zur Nachvollziehbarkeit mit Person und Zeitpunkt protokolliert.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung
und Widerspruch (Art. 15 bis 21 DSGVO) sowie auf Beschwerde bei der Landesbeauftragten für
Datenschutz und Informationsfreiheit Nordrhein-Westfalen.
"""

ACCESSIBILITY = """\
Die Kommunen des Kreises Lippe sind bemüht, das IKZ-Portal Lippe im Einklang mit der
Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITVNRW) und der
Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen.

## Stand der Vereinbarkeit mit den Anforderungen

Das Portal ist nach unserer Prüfung mit den Anforderungen der WCAG 2.1 auf Stufe AA
weitgehend vereinbar. Jede Seite wird bei jeder Änderung automatisiert mit axe-core
geprüft; Tastaturbedienung, Fokusreihenfolge, Kontraste und Überschriftenstruktur
werden bei der Entwicklung von Hand geprüft.

## Nicht barrierefreie Inhalte

Dokumente, die Mitglieder hochladen (zum Beispiel PDF-Dateien aus Workshops), sind nicht
in jedem Fall barrierefrei. Wir bitten die Mitglieder, barrierefreie Dokumente
einzustellen, und stellen auf Anfrage eine zugängliche Fassung bereit.

## Erstellung dieser Erklärung

Diese Erklärung wurde auf Grundlage einer Selbstbewertung erstellt. Sie wird von der
Portal-Administration gepflegt; das Datum der letzten Änderung steht unten auf der Seite.

## Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen? Dann können Sie
sich über das Formular auf dieser Seite an uns wenden. Wir antworten in der Regel innerhalb
von zwei Wochen.

## Durchsetzungsverfahren

Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich
an die Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen
bei der oder dem Beauftragten der Landesregierung für Menschen mit Behinderung wenden
(§ 10 d Behindertengleichstellungsgesetz NRW).
"""

DEFAULT_PAGES = {
    "impressum": ("Impressum", IMPRINT),
    "datenschutz": ("Datenschutzerklärung", PRIVACY),
    "barrierefreiheit": ("Erklärung zur Barrierefreiheit", ACCESSIBILITY),
}
