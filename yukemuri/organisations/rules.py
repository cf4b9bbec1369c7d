import rules

# Verifying an organisation (its members may then organise events) is for site staff, in the admin.
rules.add_perm("organisations.verify_organisation", rules.is_active & (rules.is_staff | rules.is_superuser))
