"""Built-in themes; installed as the package ``generator.builtin_themes`` so they ship in the wheel."""
