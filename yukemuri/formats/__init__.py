"""Number formats where Django's own leave amounts ungrouped (FORMAT_MODULE_PATH): ¥170000 → ¥170.000 (vi),
¥170,000 (tl, which Django lacks; zh-hans, whose separator Django leaves empty)."""
