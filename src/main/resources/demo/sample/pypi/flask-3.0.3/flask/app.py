# demo stand-in of flask/app.py from the flask 3.0.3 wheel: the simulated PyPI serves this file, so the
# demo runs offline; with SOURCEGATE_PYPI_URL left at https://pypi.org the gateway reads the real one.
from __future__ import annotations


class Flask:
    """The flask object implements a WSGI application and acts as the central object."""

    def __init__(self, import_name: str) -> None:
        self.import_name = import_name
        self.view_functions: dict[str, object] = {}

    def full_dispatch_request(self):
        """Dispatches the request and on top of that performs request pre and postprocessing."""
        rv = self.preprocess_request()
        if rv is None:
            rv = self.dispatch_request()
        return self.finalize_request(rv)

    def wsgi_app(self, environ, start_response):
        response = self.full_dispatch_request()
        return response(environ, start_response)
