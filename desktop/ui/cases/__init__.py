"""Home: case list with search and filters, one case with its persons and hearings."""
