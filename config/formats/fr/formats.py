# "6 décembre 2026", "6 décembre 2026 à 09:19" (see config/formats/en/formats.py).
DATE_FORMAT = SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = r"j F Y \à H:i"
TIME_FORMAT = "H:i"
