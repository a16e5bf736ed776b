//! Hostile input, concurrent writers and killed writers.
