using Scrs.Matching.Sessions;

namespace Scrs.Matching.Tests.Sessions;

public class ForkRunnerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(50)]
    public void Results_come_in_the_items_order_whatever_the_width(int width)
    {
        var items = Enumerable.Range(0, 40).ToList();
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var results = ForkRunner.Run(items, i =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            // Uneven work, so that the items finish out of order.
            Thread.Sleep(i % 3);
            return i * i;
        }, width);
        Assert.Equal(items.Select(i => i * i), results);
        Assert.True(threads.Count <= Math.Min(width, items.Count));
    }

    [Fact]
    public void A_failing_item_stops_the_others_and_its_exception_is_rethrown_as_it_was()
    {
        var started = 0;
        var error = Assert.Throws<InvalidOperationException>(() => ForkRunner.Run(Enumerable.Range(0, 1000).ToList(), i =>
        {
            Interlocked.Increment(ref started);
            if (i == 3) throw new InvalidOperationException("item 3");
            Thread.Sleep(1);
            return i;
        }, width: 2));
        Assert.Equal("item 3", error.Message);
        Assert.True(started < 1000, $"{started} items started after the failure");
    }

    [Fact]
    public void No_items_give_no_results()
    {
        Assert.Empty(ForkRunner.Run(Array.Empty<int>(), i => i, width: 2));
    }
}
