namespace EdgeGateway.Patrols.Storage;

/// <summary>The tables of <c>patrols.db</c>. Times are Unix milliseconds (UTC).</summary>
internal static class PatrolSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS cards(
          uid TEXT PRIMARY KEY NOT NULL,
          member TEXT NOT NULL,
          team TEXT NOT NULL,
          revoked INTEGER NOT NULL DEFAULT 0,
          enrolled INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS pending_enrolments(
          beacon TEXT PRIMARY KEY NOT NULL,
          member TEXT NOT NULL,
          team TEXT NOT NULL,
          expires INTEGER NOT NULL,
          uid TEXT NULL);
        CREATE TABLE IF NOT EXISTS rounds(
          id TEXT PRIMARY KEY NOT NULL,
          schedule TEXT NOT NULL,
          route TEXT NOT NULL,
          team TEXT NOT NULL,
          ordered INTEGER NOT NULL,
          start INTEGER NOT NULL,
          end INTEGER NOT NULL,
          completed INTEGER NULL);
        CREATE INDEX IF NOT EXISTS rounds_open ON rounds(completed) WHERE completed IS NULL;
        CREATE INDEX IF NOT EXISTS rounds_start ON rounds(start);
        CREATE TABLE IF NOT EXISTS round_stops(
          round TEXT NOT NULL REFERENCES rounds(id),
          idx INTEGER NOT NULL,
          checkpoint TEXT NOT NULL,
          name TEXT NOT NULL,
          expected INTEGER NOT NULL,
          on_time_until INTEGER NOT NULL,
          closes INTEGER NOT NULL,
          walk_ms INTEGER NOT NULL,
          tapped INTEGER NULL,
          card TEXT NULL,
          event TEXT NULL,
          verdict TEXT NULL,
          PRIMARY KEY(round, idx));
        CREATE TABLE IF NOT EXISTS checkins(
          event TEXT PRIMARY KEY NOT NULL,
          beacon TEXT NOT NULL,
          checkpoint TEXT NOT NULL,
          uid TEXT NOT NULL,
          at INTEGER NOT NULL,
          synced INTEGER NOT NULL,
          round TEXT NULL,
          flags TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS checkins_uid ON checkins(uid, at);
        CREATE INDEX IF NOT EXISTS checkins_beacon ON checkins(beacon, at);
        CREATE INDEX IF NOT EXISTS checkins_round ON checkins(round);
        CREATE TABLE IF NOT EXISTS outbox(
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          type TEXT NOT NULL,
          data TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS engine_state(
          key TEXT PRIMARY KEY NOT NULL,
          value INTEGER NOT NULL);
        """;
}
