# Finland-Swedish: day.month.year, as in Finnish (Django's sv is Sweden's Y-m-d).
DATE_FORMAT = "j.n.Y"
SHORT_DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j.n.Y \\k\\l. G.i"
TIME_FORMAT = "G.i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = " "
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
