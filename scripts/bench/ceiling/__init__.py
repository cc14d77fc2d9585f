# The key the bench fills with a real answer of the mall's (a list page), for the read floor.
FLOOR_ANSWER_KEY = "bench:floor:answer"
