"""Django's MySQL/MariaDB backend without the per-request connection ping (base.py)."""
