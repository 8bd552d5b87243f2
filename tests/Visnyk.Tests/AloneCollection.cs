namespace Visnyk.Tests;

// Tests that run with nothing else: they stop a server every other test shares (Redis, in
// Cluster/RedisOutageTests), or start several processes of the site behind nginx, whose timings
// the rest of the suite on two cores would stretch.
[CollectionDefinition(Name, DisableParallelization = true)]
public class AloneCollection
{
    public const string Name = "Alone";
}
