"""WTForms classes, one module per blueprint. Labels are lazily translated."""
