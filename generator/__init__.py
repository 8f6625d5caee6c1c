"""briefdeck: one YAML outline of an analysis becomes a PDF brief and a PowerPoint deck."""
