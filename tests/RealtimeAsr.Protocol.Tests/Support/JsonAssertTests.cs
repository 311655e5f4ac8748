using Xunit.Sdk;

namespace RealtimeAsr.Protocol.Tests.Support;

/// <summary>The comparison the round-trip tests rely on must not be too lenient.</summary>
public sealed class JsonAssertTests
{
    [Fact]
    public void Property_order_and_number_spelling_do_not_matter()
    {
        JsonAssert.SemanticallyEqual("""{"a":0.0,"b":{"c":[1,400.0],"d":null}}""", """{"b":{"d":null,"c":[1.0,400]},"a":0}""");
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":null}""", """{}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1,"c":2}}""")]
    [InlineData("""{"a":""}""", """{"a":null}""")]
    public void Different_documents_fail(string expected, string actual)
    {
        Assert.Throws<TrueException>(() => JsonAssert.SemanticallyEqual(expected, actual));
    }
}
