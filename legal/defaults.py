"""First versions of the legal pages, created once by `load_reference_data`.

Admins maintain them in Django admin (with history); a later run never overwrites them.
They are written in German, the portal's official language.
"""

IMPRINT = """\
## Anbieter

Das IKZ-Portal Lippe ist die gemeinsame Arbeitsplattform des Netzwerks der
Digitalisierungsbeauftragten (Chief Digital Officers) des Kreises Lippe und seiner
16 Städte und Gemeinden im Rahmen der interkommunalen Zusammenarbeit (IKZ).

Kreis Lippe – Der Landrat\\
Felix-Fechenbach-Straße 5\\
32756 Detmold

Der Kreis Lippe ist eine Körperschaft des öffentlichen Rechts. Telefon und E-Mail-Adresse
der Portal-Administration und der oder des Datenschutzbeauftragten stehen unten unter
„Kontakt“.

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
Wir verarbeiten die Daten der eingeladenen Personen zur Erfüllung dieser öffentlichen
Aufgabe (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 DSG NRW).

## Was gespeichert wird und wie lange

| Daten | Zweck | Speicherdauer |
|---|---|---|
| Konto: Name, dienstliche E-Mail-Adresse, Telefonnummer, Funktion, Sprache, Passwort (nur als Hash), zweiter Faktor (TOTP, Wiederherstellungscodes) | Anmeldung, Erreichbarkeit im Netzwerk | solange die Person Mitglied ist; beim Ausscheiden wird das Konto anonymisiert (siehe unten) |
| Rollen in den Kommunen, Motto, Aufgabenbeschreibung | Ansprechpersonen im Netzwerk | solange die Rolle besteht; beim Ausscheiden geht die Rolle ohne Motto und Text an die Nachfolge |
| Beiträge: Projekte, Statusmeldungen, Dokumente, Workshops, Termine, Zu- und Absagen, Maßnahmen, OZG-Stände, Formulare, Wissensbeiträge, Angaben zur Software-Landschaft | die gemeinsame Arbeit und ihre Nachvollziehbarkeit | solange der jeweilige Datensatz besteht; Änderungen werden mit Person und Zeitpunkt protokolliert |
| Einstellungen und Versandprotokoll der Wochenübersicht und der Terminerinnerungen | genau einmal versenden, Zustellprobleme klären | Versandprotokoll 180 Tage, danach automatisch gelöscht |
| Zeitpunkt der letzten Anmeldung (nur der letzte, kein Anmeldeprotokoll) | Pflege der Konten | solange die Person Mitglied ist |
| Sitzungen (Anmeldung) | angemeldet bleiben | bis zur Abmeldung, höchstens 14 Tage; abgelaufene Sitzungen werden täglich gelöscht |
| Zähler fehlgeschlagener Anmeldeversuche | Schutz vor Angriffen | wenige Minuten |
| Rückmeldungen zur Barrierefreiheit (freiwillig mit Name und E-Mail-Adresse) | Bearbeitung der Rückmeldung (§ 5 BITVNRW) | 365 Tage nach Eingang, danach automatisch gelöscht |
| Datenexporte (Auskunft nach Art. 15 DSGVO) | Bereitstellung Ihrer Daten | 7 Tage, danach werden Datei und Link gelöscht |

Alle Beiträge, auch hochgeladene Dokumente und Anhänge von Terminen und Workshops, sind
für alle angemeldeten Mitglieder des Netzwerks sichtbar, auch für Kommunen, die an dem
Projekt oder Termin nicht beteiligt sind; öffentlich sind sie nicht.

Die Fristen sind Voreinstellungen; die Portal-Administration kann sie im Betrieb festlegen
(`RETENTION_DIGEST_LOG_DAYS`, `RETENTION_FEEDBACK_DAYS`, `DATA_EXPORT_VALID_DAYS`). Gelöscht
wird automatisch durch einen täglichen Hintergrundlauf.

## Anmeldung und Sicherheit

Für die Anmeldung setzt das Portal ein technisch notwendiges Sitzungs-Cookie und ein
Cookie zum Schutz vor Cross-Site-Request-Forgery. Die gewählte Sprache wird in einem
Cookie gespeichert. Es gibt keine Cookies zu Werbe- oder Analysezwecken und keine
Einbindung von Diensten Dritter; alle Schriften und Skripte werden vom Portal selbst
ausgeliefert.

Beim Aufruf speichert der Server zur Abwehr von Angriffen und zur Fehleranalyse
technische Protokolldaten (Zeitpunkt, aufgerufene Adresse, Statuscode).

## E-Mails

Mitglieder erhalten Einladungen, Bestätigungen und – sofern sie es nicht abbestellen –
einen wöchentlichen Überblick. Jede E-Mail nennt, wie sie abbestellt werden kann.

## Ausscheiden aus dem Netzwerk

Verlässt eine Person das Netzwerk, übergibt die Portal-Administration ihre Rollen, ihre
Ansprechpartnerschaften in Projekten, Wissensbeiträgen und der Software-Landschaft, die von
ihr betreuten Wissensbeiträge und ihre offenen Maßnahmen an eine Nachfolge und
anonymisiert das Konto: Der Name wird zu „ehemaliges Mitglied“, die E-Mail-Adresse wird
ersetzt, Passwort, zweiter Faktor, Sitzungen, API-Schlüssel, Kalender-Abonnement,
Einträge unter „Wer weiß was?“ und Einstellungen der Wochenübersicht werden gelöscht. Die Beiträge zur gemeinsamen Arbeit bleiben lesbar und
nennen „ehemaliges Mitglied“.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung,
Datenübertragbarkeit und Widerspruch (Art. 15 bis 21 DSGVO) sowie auf Beschwerde bei der
Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.

Unter „Mein Profil“ können Sie jederzeit alle Ihre Daten als ZIP-Datei herunterladen
(JSON und CSV, mit den von Ihnen hochgeladenen Dateien). Sie erhalten eine E-Mail, sobald
der Export bereitsteht; der Link gilt 7 Tage und nur für Sie.
"""

PRIVACY_EN = """\
## Controller

The controller within the meaning of the General Data Protection Regulation (GDPR) is the
body named in the imprint, where you also find the contact details of its data protection
officer.

## Purpose and legal basis

The portal serves the collaboration of the Kommunen of Kreis Lippe on digitalisation. We
process the data of the invited people to perform this public task (Art. 6(1)(e) GDPR in
conjunction with § 3 DSG NRW).

## What is stored and for how long

| Data | Purpose | Kept |
|---|---|---|
| Account: name, work email address, phone, job title, language, password (hash only), second factor (TOTP, recovery codes) | logging in, being reachable in the network | while the person is a member; when they leave, the account is anonymised (see below) |
| Roles in the Kommunen, motto, description of responsibilities | contact people of the network | while the role lasts; when the person leaves, the role goes to the successor without motto and text |
| Contributions: projects, status updates, documents, workshops, meetings, answers to invitations, action items (Maßnahmen), OZG statuses, forms, knowledge articles, software landscape entries | the shared work and its traceability | as long as the record exists; changes are logged with person and time |
| Settings and delivery log of the weekly digest and meeting reminders | sending exactly once, resolving delivery problems | delivery log 180 days, then deleted automatically |
| Time of the last login (only the last one, no login log) | looking after the accounts | while the person is a member |
| Sessions (login) | staying logged in | until logout, at most 14 days; expired sessions are deleted daily |
| Counters of failed login attempts | protection against attacks | a few minutes |
| Accessibility feedback (name and email optional) | handling the feedback (§ 5 BITVNRW) | 365 days after receipt, then deleted automatically |
| Data exports (access under Art. 15 GDPR) | providing your data | 7 days, then file and link are deleted |

All contributions, uploaded documents and the attachments of meetings and workshops
included, are visible to every logged-in member of the network, also to Kommunen that take
no part in the project or meeting; they are not public.

The periods are defaults; the portal administration sets them in operation
(`RETENTION_DIGEST_LOG_DAYS`, `RETENTION_FEEDBACK_DAYS`, `DATA_EXPORT_VALID_DAYS`). A daily
background run deletes automatically.

## Login and security

For logging in, the portal sets a technically necessary session cookie and a cookie that
protects against cross-site request forgery. The chosen language is stored in a cookie.
There are no advertising or analytics cookies and no third-party services; all fonts and
scripts are served by the portal itself.

When a page is requested, the server keeps technical log data (time, address requested,
status code) to fend off attacks and to analyse errors.

## Emails

Members get invitations, confirmations and, unless they unsubscribe, a weekly digest.
Every email says how to unsubscribe.

## Leaving the network

When a person leaves the network, the portal administration hands their roles, their
contact roles in projects, knowledge articles and the software landscape, the knowledge
articles they look after and their open action items to a successor and anonymises the
account: the name becomes "ehemaliges Mitglied" (former member), the email address is
replaced, password, second factor, sessions, API tokens, calendar subscription, entries in
"Wer weiß was?" and digest settings are deleted.
The contributions to the shared work stay readable and name "ehemaliges Mitglied".

## Your rights

You have the right of access, rectification, erasure, restriction of processing, data
portability and objection (Art. 15 to 21 GDPR) and the right to lodge a complaint with the
Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.

Under "My profile" you can download all your data as a ZIP file at any time (JSON and CSV,
with the files you uploaded). You get an email as soon as the export is ready; the link is
valid for 7 days and only for you.
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

## Leichte Sprache und Gebärdensprache

Was die öffentlichen Seiten „Online-Dienste im Kreis Lippe“ zeigen und wie man sie benutzt,
erklärt eine Seite in Leichter Sprache: [Online-Dienste in Leichter Sprache](/online-dienste/leichte-sprache/).
Sie ist im Kopf jeder öffentlichen Seite verlinkt. Der Mitgliederbereich ist nicht in
Leichter Sprache geschrieben.

Videos in Deutscher Gebärdensprache (DGS) bieten wir derzeit nicht an. Wenn Sie eine
Erklärung in Gebärdensprache oder einen Inhalt in Leichter Sprache brauchen, schreiben Sie
uns über das Formular auf dieser Seite. Nennen Sie bitte, welche Seite oder welchen Inhalt
Sie brauchen; wir melden uns in der Regel innerhalb von zwei Wochen und vereinbaren mit
Ihnen, wie wir Ihnen den Inhalt zugänglich machen.

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

# English versions (shown when the portal is used in English).
ENGLISH_PAGES = {
    "datenschutz": ("Privacy policy", PRIVACY_EN),
}

# Earlier default texts: a page whose text is still one of them (no admin changed it) gets
# the current default on the next `load_reference_data`.
PRIVACY_2026_11 = """\
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


# The default of issue 14 before the visibility of documents was stated (2026-12).
PRIVACY_2026_12 = """\
## Verantwortliche Stelle

Verantwortlich im Sinne der Datenschutz-Grundverordnung (DSGVO) ist die im Impressum
genannte Stelle. Die Kontaktdaten der oder des behördlichen Datenschutzbeauftragten
erhalten Sie dort.

## Zweck und Rechtsgrundlage

Das Portal dient der Zusammenarbeit der Kommunen des Kreises Lippe bei der Digitalisierung.
Wir verarbeiten die Daten der eingeladenen Personen zur Erfüllung dieser öffentlichen
Aufgabe (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 DSG NRW).

## Was gespeichert wird und wie lange

| Daten | Zweck | Speicherdauer |
|---|---|---|
| Konto: Name, dienstliche E-Mail-Adresse, Telefonnummer, Funktion, Sprache, Passwort (nur als Hash), zweiter Faktor (TOTP, Wiederherstellungscodes) | Anmeldung, Erreichbarkeit im Netzwerk | solange die Person Mitglied ist; beim Ausscheiden wird das Konto anonymisiert (siehe unten) |
| Rollen in den Kommunen, Motto, Aufgabenbeschreibung | Ansprechpersonen im Netzwerk | solange die Rolle besteht; beim Ausscheiden geht die Rolle ohne Motto und Text an die Nachfolge |
| Beiträge: Projekte, Statusmeldungen, Dokumente, Workshops, Termine, Zu- und Absagen, Maßnahmen, OZG-Stände, Formulare | die gemeinsame Arbeit und ihre Nachvollziehbarkeit | solange der jeweilige Datensatz besteht; Änderungen werden mit Person und Zeitpunkt protokolliert |
| Einstellungen und Versandprotokoll der Wochenübersicht und der Terminerinnerungen | genau einmal versenden, Zustellprobleme klären | Versandprotokoll 180 Tage, danach automatisch gelöscht |
| Sitzungen (Anmeldung) | angemeldet bleiben | bis zur Abmeldung, höchstens 14 Tage; abgelaufene Sitzungen werden täglich gelöscht |
| Zähler fehlgeschlagener Anmeldeversuche | Schutz vor Angriffen | wenige Minuten |
| Rückmeldungen zur Barrierefreiheit (freiwillig mit Name und E-Mail-Adresse) | Bearbeitung der Rückmeldung (§ 5 BITVNRW) | 365 Tage nach Eingang, danach automatisch gelöscht |
| Datenexporte (Auskunft nach Art. 15 DSGVO) | Bereitstellung Ihrer Daten | 7 Tage, danach werden Datei und Link gelöscht |

Die Fristen sind Voreinstellungen; die Portal-Administration kann sie im Betrieb festlegen
(`RETENTION_DIGEST_LOG_DAYS`, `RETENTION_FEEDBACK_DAYS`, `DATA_EXPORT_VALID_DAYS`). Gelöscht
wird automatisch durch einen täglichen Hintergrundlauf.

## Anmeldung und Sicherheit

Für die Anmeldung setzt das Portal ein technisch notwendiges Sitzungs-Cookie und ein
Cookie zum Schutz vor Cross-Site-Request-Forgery. Die gewählte Sprache wird in einem
Cookie gespeichert. Es gibt keine Cookies zu Werbe- oder Analysezwecken und keine
Einbindung von Diensten Dritter; alle Schriften und Skripte werden vom Portal selbst
ausgeliefert.

Beim Aufruf speichert der Server zur Abwehr von Angriffen und zur Fehleranalyse
technische Protokolldaten (Zeitpunkt, aufgerufene Adresse, Statuscode).

## E-Mails

Mitglieder erhalten Einladungen, Bestätigungen und – sofern sie es nicht abbestellen –
einen wöchentlichen Überblick. Jede E-Mail nennt, wie sie abbestellt werden kann.

## Ausscheiden aus dem Netzwerk

Verlässt eine Person das Netzwerk, übergibt die Portal-Administration ihre Rollen, ihre
Ansprechpartnerschaften in Projekten und ihre offenen Maßnahmen an eine Nachfolge und
anonymisiert das Konto: Der Name wird zu „ehemaliges Mitglied“, die E-Mail-Adresse wird
ersetzt, Passwort, zweiter Faktor, Sitzungen, Kalender-Abonnement und Einstellungen der
Wochenübersicht werden gelöscht. Die Beiträge zur gemeinsamen Arbeit bleiben lesbar und
nennen „ehemaliges Mitglied“.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung,
Datenübertragbarkeit und Widerspruch (Art. 15 bis 21 DSGVO) sowie auf Beschwerde bei der
Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.

Unter „Mein Profil“ können Sie jederzeit alle Ihre Daten als ZIP-Datei herunterladen
(JSON und CSV, mit den von Ihnen hochgeladenen Dateien). Sie erhalten eine E-Mail, sobald
der Export bereitsteht; der Link gilt 7 Tage und nur für Sie.
"""

PRIVACY_EN_2026_12 = """\
## Controller

The controller within the meaning of the General Data Protection Regulation (GDPR) is the
body named in the imprint, where you also find the contact details of its data protection
officer.

## Purpose and legal basis

The portal serves the collaboration of the Kommunen of Kreis Lippe on digitalisation. We
process the data of the invited people to perform this public task (Art. 6(1)(e) GDPR in
conjunction with § 3 DSG NRW).

## What is stored and for how long

| Data | Purpose | Kept |
|---|---|---|
| Account: name, work email address, phone, job title, language, password (hash only), second factor (TOTP, recovery codes) | logging in, being reachable in the network | while the person is a member; when they leave, the account is anonymised (see below) |
| Roles in the Kommunen, motto, description of responsibilities | contact people of the network | while the role lasts; when the person leaves, the role goes to the successor without motto and text |
| Contributions: projects, status updates, documents, workshops, meetings, answers to invitations, action items (Maßnahmen), OZG statuses, forms | the shared work and its traceability | as long as the record exists; changes are logged with person and time |
| Settings and delivery log of the weekly digest and meeting reminders | sending exactly once, resolving delivery problems | delivery log 180 days, then deleted automatically |
| Sessions (login) | staying logged in | until logout, at most 14 days; expired sessions are deleted daily |
| Counters of failed login attempts | protection against attacks | a few minutes |
| Accessibility feedback (name and email optional) | handling the feedback (§ 5 BITVNRW) | 365 days after receipt, then deleted automatically |
| Data exports (access under Art. 15 GDPR) | providing your data | 7 days, then file and link are deleted |

The periods are defaults; the portal administration sets them in operation
(`RETENTION_DIGEST_LOG_DAYS`, `RETENTION_FEEDBACK_DAYS`, `DATA_EXPORT_VALID_DAYS`). A daily
background run deletes automatically.

## Login and security

For logging in, the portal sets a technically necessary session cookie and a cookie that
protects against cross-site request forgery. The chosen language is stored in a cookie.
There are no advertising or analytics cookies and no third-party services; all fonts and
scripts are served by the portal itself.

When a page is requested, the server keeps technical log data (time, address requested,
status code) to fend off attacks and to analyse errors.

## Emails

Members get invitations, confirmations and, unless they unsubscribe, a weekly digest.
Every email says how to unsubscribe.

## Leaving the network

When a person leaves the network, the portal administration hands their roles, their
project contacts and their open action items to a successor and anonymises the account:
the name becomes "ehemaliges Mitglied" (former member), the email address is replaced,
password, second factor, sessions, calendar subscription and digest settings are deleted.
The contributions to the shared work stay readable and name "ehemaliges Mitglied".

## Your rights

You have the right of access, rectification, erasure, restriction of processing, data
portability and objection (Art. 15 to 21 GDPR) and the right to lodge a complaint with the
Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.

Under "My profile" you can download all your data as a ZIP file at any time (JSON and CSV,
with the files you uploaded). You get an email as soon as the export is ready; the link is
valid for 7 days and only for you.
"""

SUPERSEDED_EN = {"datenschutz": [PRIVACY_EN_2026_12]}

ACCESSIBILITY_2026_11 = """\
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


# The first Impressum pointed to a login-only page for the contact address.
IMPRINT_2026_11 = """\
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


SUPERSEDED = {
    "datenschutz": [PRIVACY_2026_11, PRIVACY_2026_12],
    "barrierefreiheit": [ACCESSIBILITY_2026_11],
    "impressum": [IMPRINT_2026_11],
}
