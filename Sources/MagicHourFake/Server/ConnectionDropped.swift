/// Thrown after the fake closed a connection on purpose, so that nothing more is written to it.
struct ConnectionDropped: Error {}
