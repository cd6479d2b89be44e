"""English formats of the portal: Django's, but with the 24-hour clock.

The portal's times are German local times; "14:00" is what the invitations, the agendas and
the German pages say, and it avoids "9 a.m.." where a sentence ends with a time.
"""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
