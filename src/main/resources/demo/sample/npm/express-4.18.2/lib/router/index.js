// express 4.18.2, lib/router/index.js: a short stand-in written for the sourcegate demo (not express's
// code). The demo's simulated npm registry serves it in the express-4.18.2 tarball, so the express preset
// shows a dependency frame at the version web/package-lock.json locks.
'use strict';

function Router(options) {
  const router = function (req, res, next) {
    router.handle(req, res, next);
  };
  router.stack = [];
  router.caseSensitive = Boolean(options && options.caseSensitive);
  Object.setPrototypeOf(router, Router.prototype);
  return router;
}

// every request walks the stack: the frame a storefront profile shows under each route
Router.prototype.handle = function handle(req, res, out) {
  let idx = 0;
  const stack = this.stack;
  function next(err) {
    const layer = stack[idx++];
    if (!layer) {
      return out(err);
    }
    if (layer.matches(req.url)) {
      return layer.handle(req, res, next);
    }
    return next(err);
  }
  next();
};

Router.prototype.use = function use(path, fn) {
  this.stack.push({ matches: (url) => url.startsWith(path), handle: fn });
  return this;
};

module.exports = Router;
