"""The web server: a SPARQL 1.1 Protocol endpoint and pages in English and French.

``app.create_app`` builds the FastAPI application; ``sparql`` holds the endpoint's router (which
any FastAPI app can mount), ``views`` the pages, each with a ``.json`` twin.
"""
