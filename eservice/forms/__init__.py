"""Forms built from the instrument definition, and the few fixed forms of the journey."""
