"""A stand-in for CPython's Lib/json/encoder.py (python/cpython, tag v3.12.4), served by the
sourcegate demo's simulated GitHub so the page can show a standard-library frame without the
network. The real module is about 440 lines under the PSF licence."""


class JSONEncoder(object):
    def iterencode(self, o, _one_shot=False):
        """Encode the given object and yield each string representation as available."""
        # the real method picks the C accelerator or _make_iterencode and returns its generator
        raise NotImplementedError("demo stand-in")
