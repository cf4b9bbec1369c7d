"""yukemuri (湯けむり) — a platform for 官民共創, public–private co-creation in Japanese regions."""
