//! C ABI for signaal (work in progress).
