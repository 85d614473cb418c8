"""Training for the attribution engine's learned parts, kept apart from the engine so that
the engine imports nothing that trains or evaluates it."""
