"""Mission pages from YAML: load, check, render and export the data of the site."""
