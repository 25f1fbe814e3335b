// netstandard2.0 lacks the types that C# records and init-only setters need; the compiler only needs them to exist.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
