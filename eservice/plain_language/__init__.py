"""Plain-language material: the glossary and the readability (LIX) measure."""
