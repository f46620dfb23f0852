"""The parks pages' forms, by concern: they shape input; rules live in actions."""
