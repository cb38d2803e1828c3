using System.Net;
using Xunit.Abstractions;

namespace Scrs.Matching.Tests.Host.Server;

/// <summary>
/// Hosts started at the same moment on a new PostgreSQL database all serve: the first creates the schema, the others
/// wait for it and find it (they used to fail on <c>23505 ... pg_type_typname_nsp_index</c>, creating it at once).
/// </summary>
[Collection(WorkerHostCollection.Name)]
public sealed class HostsStartTogetherTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_hosts_started_together_on_a_fresh_database_all_serve_ten_times_over()
    {
        for (var round = 0; round < 10; round++)
        {
            var database = new PostgresDatabase();
            await database.InitializeAsync();
            var hosts = new List<HostProcess>();
            try
            {
                // Each start launches its process before its first await: the three processes start together.
                var starts = Enumerable.Range(0, 3).Select(_ => HostProcess.StartAsync(["--postgres", database.ConnectionString, "--workers", "1"])).ToList();
                foreach (var start in starts)
                {
                    try
                    {
                        hosts.Add(await start);
                    }
                    catch (InvalidOperationException e)
                    {
                        Assert.Fail($"round {round + 1}: a host did not start: {e.Message}");
                    }
                }
                foreach (var host in hosts)
                {
                    using (var health = await host.Client.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                    using var jobs = await host.Client.GetAsync("/v1/rosters");
                    Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
                }
            }
            finally
            {
                foreach (var host in hosts) host.Dispose();
                await database.DisposeAsync();
            }
        }
        output.WriteLine("10 rounds of 3 hosts started together: every host served");
    }
}
