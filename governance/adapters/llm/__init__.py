"""Language-model backends behind the LanguageModel port, and the embedder.

Importing this package is cheap: torch and transformers load on first use.
"""
