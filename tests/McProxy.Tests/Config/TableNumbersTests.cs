using McProxy.Config;
using Xunit;

namespace McProxy.Tests.Config;

public class TableNumbersTests
{
    [Theory]
    [InlineData(new[] { "a" }, new[] { -1 }, new[] { 0 })]
    [InlineData(new[] { "a" }, new[] { 7 }, new[] { 7 })]
    [InlineData(new[] { "b", "a" }, new[] { -1, -1 }, new[] { 2, 1 })]
    [InlineData(new[] { "a", "b", "c" }, new[] { 10, -1, -1 }, new[] { 10, 11, 12 })]
    [InlineData(new[] { "c", "b", "a" }, new[] { -1, 5, -1 }, new[] { 6, 5, 1 })]
    public void CounterWalksInNameOrder(string[] names, int[] given, int[] expected)
    {
        var numbers = new int?[given.Length];
        for (int i = 0; i < given.Length; i++)
        {
            numbers[i] = given[i] < 0 ? null : given[i];
        }

        Assert.Equal(expected, TableNumbers.Assign(names, numbers));
    }

    [Fact]
    public void AssignOnAModelIsIndexAligned()
    {
        var c = ConfigTestHelpers.Load("pinstance z: u ==> d; pinstance m(4): v ==> e; pinstance a: w ==> f;");
        Assert.Equal(new[] { "a", "m", "z" }, new[] { c.Instances[0].Name, c.Instances[1].Name, c.Instances[2].Name });
        Assert.Equal(new[] { 1, 4, 5 }, TableNumbers.Assign(c));
    }

    [Fact]
    public void DefaultTableClashesWith253()
    {
        var e = ConfigTestHelpers.Errors("pinstance a(0): u ==> d; pinstance b(253): v ==> e;");
        ConfigTestHelpers.AssertError(e, 1, 36, "'a' and 'b'");
    }
}
