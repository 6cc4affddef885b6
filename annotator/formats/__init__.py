"""Importers and exporters, one module per format, registered in ``registry``."""
