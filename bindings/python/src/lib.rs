//! Python bindings for signaal (work in progress).
