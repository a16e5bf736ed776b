//! Round trips: records written then read back, and edits that keep comments.
