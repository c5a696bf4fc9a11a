// The YAML front end: see YAMLRequestDocument.
