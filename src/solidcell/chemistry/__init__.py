"""Chemistry from composition: capacity, ion transport, conductivity against temperature."""
