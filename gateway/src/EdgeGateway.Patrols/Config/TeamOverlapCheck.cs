using EdgeGateway.Patrols.Model;

namespace EdgeGateway.Patrols.Config;

/// <summary>A team walks one round at a time: two of its rounds (of any of its schedules) must not overlap in the next 8 days.</summary>
internal static class TeamOverlapCheck
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(8);

    /// <summary>The most rounds looked at per schedule (a cron firing every second would otherwise make millions).</summary>
    private const int MaxRounds = 5000;

    public static void Run(IReadOnlyList<Schedule> schedules, DateTimeOffset now, PlanErrors errors)
    {
        for (var index = 0; index < schedules.Count; index++)
        {
            var schedule = schedules[index];
            foreach (var (other, start, otherStart) in Overlaps(schedules, index, now))
            {
                var path = $"$.schedules[{index}]";
                errors.Add(path, other.Id == schedule.Id
                    ? $"rounds of schedule '{schedule.Id}' overlap: the round starting {Local(schedule, start)} lasts {DurationText.Format(schedule.Duration)}, past the next start at {Local(schedule, otherStart)}"
                    : $"rounds of team '{schedule.Team}' overlap: schedule '{schedule.Id}' has a round at {Local(schedule, start)} ({DurationText.Format(schedule.Duration)}) and schedule '{other.Id}' one at {Local(other, otherStart)} ({DurationText.Format(other.Duration)})");
                break;
            }
        }
    }

    private static string Local(Schedule s, DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, s.Zone).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<(Schedule Other, DateTimeOffset Start, DateTimeOffset OtherStart)> Overlaps(IReadOnlyList<Schedule> schedules, int index, DateTimeOffset now)
    {
        var schedule = schedules[index];
        var mine = schedule.StartsBetween(now, now + Horizon).Take(MaxRounds).ToList();
        for (var k = 0; k + 1 < mine.Count; k++)
            if (mine[k] + schedule.Duration > mine[k + 1]) yield return (schedule, mine[k], mine[k + 1]);
        for (var o = 0; o < index; o++)
        {
            var other = schedules[o];
            if (other.Team != schedule.Team) continue;
            var theirs = other.StartsBetween(now - other.Duration, now + Horizon).Take(MaxRounds).ToList();
            foreach (var start in mine)
            {
                foreach (var otherStart in theirs)
                {
                    if ((otherStart <= start && start < otherStart + other.Duration) || (start < otherStart && otherStart < start + schedule.Duration))
                        yield return (other, start, otherStart);
                }
            }
        }
    }
}
