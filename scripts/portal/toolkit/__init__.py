"""The practitioner's toolkit: working documents (xlsx, docx, ics) built from one source each."""
