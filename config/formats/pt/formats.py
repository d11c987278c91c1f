# "6 de dezembro de 2026", "6 de dezembro de 2026, 09:19" (see config/formats/en/formats.py).
DATE_FORMAT = SHORT_DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
TIME_FORMAT = "H:i"
