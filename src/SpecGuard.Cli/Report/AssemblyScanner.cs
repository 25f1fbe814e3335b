using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using SpecGuard.Core;

namespace SpecGuard.Cli.Report;

/// <summary>A place in a source file (1-based line), from a portable PDB's sequence points.</summary>
/// <param name="File">The document path as the PDB records it (made relative to the current directory when inside it).</param>
/// <param name="Line">1-based line.</param>
internal sealed record SourceLocation(string File, int Line);

/// <summary>Code that carries <c>[Implements]</c>: a type, method, lambda or local function, and the IDs it names.</summary>
internal sealed record LinkedSymbol(string Symbol, string Kind, string Assembly, SourceLocation? Location, ImmutableArray<string> Ids);

/// <summary>A method worth remembering for the test join: it has <c>[Verifies]</c>, is a generated stub, or sits in a type that verifies.</summary>
internal sealed record ScannedMethod(string Name, string DisplayName, ImmutableArray<string> Verifies, bool IsPendingStub, SourceLocation? Location);

/// <summary>
/// The source lines of one method's code in one document, from its non-hidden sequence points, with the links that
/// cover it: for <c>specguard diff</c>, which maps changed lines to the methods that hold them. Async and iterator
/// methods are attributed to the method the user wrote (the state machine's kickoff), not to the generated
/// <c>MoveNext</c>. A constructor's lines include those of the field initializers it runs, so its span can enclose
/// other members' spans; the innermost span is the closest owner of a line.
/// </summary>
/// <param name="Symbol">The method as the scanner names it (<c>Shop.Orders.Place</c>; a lambda or local function after the method it is in; an accessor after its property).</param>
/// <param name="Kind">method, constructor, static constructor, property, lambda, local function or compiler-generated.</param>
/// <param name="Assembly">The assembly's simple name.</param>
/// <param name="Document">The document path exactly as the PDB records it: absolute, or path-mapped (<c>/_/src/Orders.cs</c>) in deterministic builds.</param>
/// <param name="StartLine">1-based: the least start line of the method's non-hidden sequence points in <paramref name="Document"/>.</param>
/// <param name="EndLine">1-based: the greatest end line of those sequence points.</param>
/// <param name="Implements">The method's own <c>[Implements]</c> IDs, its property's (for an accessor) and those of its declaring type and the types enclosing it; sorted, distinct.</param>
/// <param name="Verifies">The method's own <c>[Verifies]</c> IDs and those of its declaring type chain; sorted, distinct.</param>
/// <param name="IsPendingStub">The method carries SpecGuard's pending-stub marker.</param>
internal sealed record MethodSpan(string Symbol, string Kind, string Assembly, string Document, int StartLine, int EndLine, ImmutableArray<string> Implements, ImmutableArray<string> Verifies, bool IsPendingStub);

/// <summary>A source document as a portable PDB records it, with the checksum the compiler took of the file's bytes.</summary>
/// <param name="Path">The path exactly as recorded (absolute or path-mapped).</param>
/// <param name="HashAlgorithm">The checksum algorithm's GUID (<see cref="Sha1"/>, <see cref="Sha256"/>), or <see cref="Guid.Empty"/> when none.</param>
/// <param name="Hash">The checksum; empty when none.</param>
internal sealed record PdbDocument(string Path, Guid HashAlgorithm, ImmutableArray<byte> Hash)
{
    /// <summary>The portable PDB's GUID for SHA-1 checksums.</summary>
    public static readonly Guid Sha1 = new("ff1816ec-aa5e-4d10-87f7-6f4963833460");

    /// <summary>The portable PDB's GUID for SHA-256 checksums.</summary>
    public static readonly Guid Sha256 = new("8829d00f-11b8-4213-878b-770e8597ac16");

    /// <summary>SHA1, SHA256, or null for a document without a checksum (or with one of an algorithm not known here).</summary>
    public string? HashAlgorithmName => Hash.IsDefaultOrEmpty ? null : HashAlgorithm == Sha1 ? "SHA1" : HashAlgorithm == Sha256 ? "SHA256" : null;

    /// <summary>
    /// Whether <paramref name="content"/> (a file's bytes, as on disk: the compiler hashes what it reads, byte order mark
    /// included) has this document's checksum; null when the document has none that can be checked.
    /// </summary>
    public bool? Matches(ReadOnlySpan<byte> content)
    {
        byte[]? actual = HashAlgorithmName switch
        {
#pragma warning disable CA5350 // Not security: the compiler chose SHA-1 for this checksum; recomputing it is the only way to compare.
            "SHA1" => SHA1.HashData(content),
#pragma warning restore CA5350
            "SHA256" => SHA256.HashData(content),
            _ => null,
        };
        return actual is null ? null : Hash.AsSpan().SequenceEqual(actual);
    }
}

/// <summary>A type of a scanned assembly, keyed by its full name with '.' between nesting levels (as TRX names it after '+' → '.').</summary>
internal sealed class ScannedType
{
    public ScannedType(string key, string displayName, string? enclosingKey, string? baseKey, ImmutableArray<string> verifies)
    {
        Key = key;
        DisplayName = displayName;
        EnclosingKey = enclosingKey;
        BaseKey = baseKey;
        Verifies = verifies;
    }

    public string Key { get; }

    public string DisplayName { get; }

    public string? EnclosingKey { get; }

    public string? BaseKey { get; }

    /// <summary>The type's own <c>[Verifies]</c> IDs.</summary>
    public ImmutableArray<string> Verifies { get; }

    /// <summary>Methods by metadata name (overloads merged).</summary>
    public Dictionary<string, ScannedMethod> Methods { get; } = new(StringComparer.Ordinal);
}

/// <summary>What one assembly says about criteria.</summary>
internal sealed class ScannedAssembly
{
    public ScannedAssembly(string path, string name, Guid mvid, bool hasPdb)
    {
        Path = path;
        Name = name;
        Mvid = mvid;
        HasPdb = hasPdb;
    }

    public string Path { get; }

    public string Name { get; }

    public Guid Mvid { get; }

    public bool HasPdb { get; }

    public List<LinkedSymbol> Implementations { get; } = [];

    public List<ScannedType> Types { get; } = [];

    /// <summary>Every method's source lines and effective links, sorted by document, lines and symbol; filled only when <see cref="AssemblyScanner.Scan"/> is asked for spans.</summary>
    public List<MethodSpan> Spans { get; } = [];

    /// <summary>The PDB's documents with their checksums, in the PDB's order; filled only when <see cref="AssemblyScanner.Scan"/> is asked for spans.</summary>
    public List<PdbDocument> Documents { get; } = [];

    /// <summary>
    /// Whether <paramref name="content"/> (the file's bytes) is what the PDB's <paramref name="document"/> (its path exactly as
    /// recorded) was compiled from: false tells an assembly built from other sources; null when the PDB does not list the
    /// document or has no checksum for it.
    /// </summary>
    public bool? MatchesContent(string document, ReadOnlySpan<byte> content)
    {
        foreach (PdbDocument candidate in Documents)
        {
            if (string.Equals(candidate.Path, document, StringComparison.Ordinal))
            {
                return candidate.Matches(content);
            }
        }

        return null;
    }
}

/// <summary>Why an assembly was not scanned.</summary>
internal enum ScanFailure
{
    None,
    NotPortableExecutable,
    NoDotNetMetadata,
    NotAnAssembly,
    ReferenceAssembly,
    Corrupt,
    Unreadable,
}

/// <summary>The outcome of scanning one file: the assembly, or why not; plus a note when its PDB could not be read.</summary>
/// <param name="Assembly">The assembly, when it was read.</param>
/// <param name="Failure">Why it was not.</param>
/// <param name="Problem">The one-line reason.</param>
/// <param name="PdbProblem">Why its PDB could not be read.</param>
/// <param name="ReferenceName">For a reference assembly, its simple name (to tell whether its implementation was read).</param>
internal sealed record AssemblyScanResult(ScannedAssembly? Assembly, ScanFailure Failure, string? Problem, string? PdbProblem, string? ReferenceName = null);

/// <summary>
/// Reads SpecGuard links from a built assembly with System.Reflection.Metadata only: the assembly is never loaded or
/// executed. Attributes are matched by full name (<c>SpecGuard.ImplementsAttribute</c>, <c>SpecGuard.VerifiesAttribute</c>)
/// whether the attribute type is defined in the assembly (the generator emits it there) or referenced.
/// </summary>
internal static class AssemblyScanner
{
    private const string SpecGuardNamespace = SpecContract.AttributeNamespace;
    private const string PendingTestsNamespace = SpecContract.PendingTestsNamespace;

    private enum AttributeKind
    {
        None,
        Implements,
        Verifies,
        GeneratedCode,
        ReferenceAssembly,
    }

    /// <summary>Scans the assembly at <paramref name="path"/>; with <paramref name="withSpans"/>, also its methods' source spans and its PDB's documents (<see cref="ScannedAssembly.Spans"/>, <see cref="ScannedAssembly.Documents"/>), which the report does not need.</summary>
    public static AssemblyScanResult Scan(string path, string currentDirectory, bool withSpans = false)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            bool dosHeader = stream.ReadByte() == 'M' && stream.ReadByte() == 'Z';
            stream.Position = 0;
            using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
            try
            {
                _ = pe.PEHeaders;
            }
            catch (BadImageFormatException exception)
            {
                // "MZ" says it meant to be a PE file: a damaged one, not some other kind of file.
                return dosHeader
                    ? new AssemblyScanResult(null, ScanFailure.Corrupt, "corrupt PE file (" + exception.Message + ")", null)
                    : new AssemblyScanResult(null, ScanFailure.NotPortableExecutable, "not a .NET assembly (not a PE file)", null);
            }

            if (!pe.HasMetadata)
            {
                return new AssemblyScanResult(null, ScanFailure.NoDotNetMetadata, "not a .NET assembly (a native DLL without .NET metadata)", null);
            }

            MetadataReader reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                return new AssemblyScanResult(null, ScanFailure.NotAnAssembly, "a .NET module, not an assembly", null);
            }

            AssemblyDefinition definition = reader.GetAssemblyDefinition();
            foreach (CustomAttributeHandle handle in definition.GetCustomAttributes())
            {
                if (Classify(reader, reader.GetCustomAttribute(handle)) == AttributeKind.ReferenceAssembly)
                {
                    return new AssemblyScanResult(null, ScanFailure.ReferenceAssembly, "a reference assembly (metadata only, no code)", null, reader.GetString(definition.Name));
                }
            }

            string? pdbProblem = null;
            MetadataReaderProvider? pdbProvider = null;
            try
            {
                if (!pe.TryOpenAssociatedPortablePdb(path, static p => File.Exists(p) ? File.OpenRead(p) : null, out pdbProvider, out _))
                {
                    pdbProvider = null;
                }
            }
            catch (Exception exception) when (exception is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                pdbProvider = null;
                pdbProblem = "cannot read its portable PDB (" + exception.Message + "); no file:line for its symbols";
            }

            using (pdbProvider)
            {
                MetadataReader? pdb = null;
                try
                {
                    pdb = pdbProvider?.GetMetadataReader();
                }
                catch (BadImageFormatException exception)
                {
                    pdbProblem = "cannot read its portable PDB (" + exception.Message + "); no file:line for its symbols";
                }

                var assembly = new ScannedAssembly(path, reader.GetString(definition.Name), reader.GetGuid(reader.GetModuleDefinition().Mvid), pdb is not null);
                var walker = new Walker(reader, pdb, assembly, currentDirectory);
                walker.Run();
                if (withSpans)
                {
                    try
                    {
                        walker.CollectDocuments();
                        walker.CollectSpans();
                    }
#pragma warning disable CA1031 // A damaged PDB can fail in many ways; it costs the spans and checksums, never the links already read.
                    catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
                    {
                        assembly.Spans.Clear();
                        assembly.Documents.Clear();
                        pdbProblem ??= "cannot read its portable PDB's sequence points (" + exception.GetType().Name + ": " + exception.Message + "); no method spans or checksums for it";
                    }
                }

                return new AssemblyScanResult(assembly, ScanFailure.None, null, pdbProblem);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new AssemblyScanResult(null, ScanFailure.Unreadable, "cannot read the file (" + exception.Message + ")", null);
        }
#pragma warning disable CA1031 // Metadata of a corrupt file can fail in many ways; each must become a one-line message, never a crash.
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return new AssemblyScanResult(null, ScanFailure.Corrupt, "corrupt .NET assembly (" + exception.GetType().Name + ": " + exception.Message + ")", null);
        }
    }

    private static AttributeKind Classify(MetadataReader reader, CustomAttribute attribute)
    {
        StringHandle ns;
        StringHandle name;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MethodDefinition:
                TypeDefinition owner = reader.GetTypeDefinition(reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType());
                ns = owner.Namespace;
                name = owner.Name;
                break;
            case HandleKind.MemberReference:
                MemberReference member = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (member.Parent.Kind == HandleKind.TypeReference)
                {
                    TypeReference reference = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                    ns = reference.Namespace;
                    name = reference.Name;
                }
                else if (member.Parent.Kind == HandleKind.TypeDefinition)
                {
                    TypeDefinition definition = reader.GetTypeDefinition((TypeDefinitionHandle)member.Parent);
                    ns = definition.Namespace;
                    name = definition.Name;
                }
                else
                {
                    return AttributeKind.None;
                }

                break;
            default:
                return AttributeKind.None;
        }

        MetadataStringComparer comparer = reader.StringComparer;
        if (comparer.Equals(ns, SpecGuardNamespace))
        {
            return comparer.Equals(name, SpecContract.ImplementsAttribute) ? AttributeKind.Implements
                : comparer.Equals(name, SpecContract.VerifiesAttribute) ? AttributeKind.Verifies
                : AttributeKind.None;
        }

        if (comparer.Equals(ns, "System.CodeDom.Compiler") && comparer.Equals(name, "GeneratedCodeAttribute"))
        {
            return AttributeKind.GeneratedCode;
        }

        return comparer.Equals(ns, "System.Runtime.CompilerServices") && comparer.Equals(name, "ReferenceAssemblyAttribute")
            ? AttributeKind.ReferenceAssembly
            : AttributeKind.None;
    }

    /// <summary>Every string in the attribute's fixed arguments, flattening <c>params string[]</c>.</summary>
    private static IEnumerable<string> StringArguments(CustomAttribute attribute)
    {
        CustomAttributeValue<string> value = attribute.DecodeValue(AttributeTypeProvider.Instance);
        foreach (CustomAttributeTypedArgument<string> argument in value.FixedArguments)
        {
            if (argument.Value is string text)
            {
                yield return text;
            }
            else if (argument.Value is ImmutableArray<CustomAttributeTypedArgument<string>> items)
            {
                foreach (CustomAttributeTypedArgument<string> item in items)
                {
                    if (item.Value is string element)
                    {
                        yield return element;
                    }
                }
            }
        }
    }

    /// <summary>The links on one type or method.</summary>
    private readonly struct Links
    {
        public Links(ImmutableArray<string> implements, ImmutableArray<string> verifies, bool specGuardGenerated, bool pendingStub)
        {
            Implements = implements;
            Verifies = verifies;
            SpecGuardGenerated = specGuardGenerated;
            PendingStub = pendingStub;
        }

        public ImmutableArray<string> Implements { get; }

        public ImmutableArray<string> Verifies { get; }

        public bool SpecGuardGenerated { get; }

        /// <summary>Carries SpecGuard's explicit pending-stub marker (<see cref="SpecContract.PendingStubMarker"/>).</summary>
        public bool PendingStub { get; }
    }

    private sealed class Walker
    {
        private readonly MetadataReader _reader;
        private readonly MetadataReader? _pdb;
        private readonly ScannedAssembly _assembly;
        private readonly string _currentDirectory;
        private readonly Dictionary<TypeDefinitionHandle, TypeInfo> _types = [];
        private readonly Dictionary<string, string> _displayPaths = new(StringComparer.Ordinal);
        private Dictionary<MethodDefinitionHandle, MethodDefinitionHandle>? _moveNextOf;

        public Walker(MetadataReader reader, MetadataReader? pdb, ScannedAssembly assembly, string currentDirectory)
        {
            _reader = reader;
            _pdb = pdb;
            _assembly = assembly;
            _currentDirectory = currentDirectory;
        }

        public void Run()
        {
            foreach (TypeDefinitionHandle handle in _reader.TypeDefinitions)
            {
                TypeInfo type = Info(handle);
                if (type.IsModuleType)
                {
                    continue;
                }

                TypeDefinition definition = _reader.GetTypeDefinition(handle);
                var scanned = new ScannedType(type.Key, type.UserDisplayName, type.EnclosingKey, BaseKey(definition.BaseType), type.Links.Verifies);
                _assembly.Types.Add(scanned);

                bool typeVerifies = type.VerifiesInChain;
                foreach (MethodDefinitionHandle methodHandle in definition.GetMethods())
                {
                    MethodDefinition method = _reader.GetMethodDefinition(methodHandle);
                    Links links = ReadLinks(method.GetCustomAttributes());
                    string name = _reader.GetString(method.Name);
                    (string display, string kind) = name switch
                    {
                        ".ctor" => (type.UserDisplayName, "constructor"),
                        ".cctor" => (type.UserDisplayName, "static constructor"),
                        _ => Describe(type.UserDisplayName, name),
                    };
                    if (!links.Implements.IsEmpty)
                    {
                        _assembly.Implementations.Add(new LinkedSymbol(display, kind, _assembly.Name, Locate(methodHandle), links.Implements));
                    }

                    bool keep = !links.Verifies.IsEmpty || links.SpecGuardGenerated || (typeVerifies && (method.Attributes & System.Reflection.MethodAttributes.SpecialName) == 0);
                    if (!keep)
                    {
                        continue;
                    }

                    // Only SpecGuard's explicit marker makes a stub: never a name, namespace or class (a hand-written test may sit in
                    // the partial stub class or be named like a stub).
                    bool stub = links.PendingStub;
                    if (scanned.Methods.TryGetValue(name, out ScannedMethod? existing))
                    {
                        scanned.Methods[name] = existing with
                        {
                            Verifies = Union(existing.Verifies, links.Verifies),
                            IsPendingStub = existing.IsPendingStub && stub,
                            Location = existing.Location ?? Locate(methodHandle),
                        };
                    }
                    else
                    {
                        scanned.Methods.Add(name, new ScannedMethod(name, display, links.Verifies, stub, Locate(methodHandle)));
                    }
                }

                foreach (PropertyDefinitionHandle propertyHandle in definition.GetProperties())
                {
                    PropertyDefinition property = _reader.GetPropertyDefinition(propertyHandle);
                    Links links = ReadLinks(property.GetCustomAttributes());
                    if (!links.Implements.IsEmpty)
                    {
                        PropertyAccessors accessors = property.GetAccessors();
                        MethodDefinitionHandle accessor = accessors.Getter.IsNil ? accessors.Setter : accessors.Getter;
                        SourceLocation? location = accessor.IsNil ? null : Locate(accessor);
                        _assembly.Implementations.Add(new LinkedSymbol(type.UserDisplayName + "." + _reader.GetString(property.Name), "property", _assembly.Name, location, links.Implements));
                    }
                }

                if (!type.Links.Implements.IsEmpty)
                {
                    string kind = SymbolNames.IsCompilerGenerated(type.Name) ? "compiler-generated type" : "type";
                    _assembly.Implementations.Add(new LinkedSymbol(type.UserDisplayName, kind, _assembly.Name, LocateType(definition), type.Links.Implements));
                }
            }
        }

        private static (string Display, string Kind) Describe(string typeDisplay, string methodName)
        {
            (string member, string kind) = SymbolNames.DescribeMethod(methodName);
            return (typeDisplay + "." + member, kind);
        }

        private static ImmutableArray<string> Union(ImmutableArray<string> first, ImmutableArray<string> second)
        {
            if (second.IsEmpty)
            {
                return first;
            }

            var set = new SortedSet<string>(first, StringComparer.Ordinal);
            set.UnionWith(second);
            return [.. set];
        }

        private Links ReadLinks(CustomAttributeHandleCollection attributes)
        {
            ImmutableArray<string>.Builder? implements = null;
            ImmutableArray<string>.Builder? verifies = null;
            bool generated = false;
            bool stub = false;
            foreach (CustomAttributeHandle handle in attributes)
            {
                CustomAttribute attribute = _reader.GetCustomAttribute(handle);
                switch (Classify(_reader, attribute))
                {
                    case AttributeKind.Implements:
                        (implements ??= ImmutableArray.CreateBuilder<string>()).AddRange(StringArguments(attribute));
                        break;
                    case AttributeKind.Verifies:
                        (verifies ??= ImmutableArray.CreateBuilder<string>()).AddRange(StringArguments(attribute));
                        break;
                    case AttributeKind.GeneratedCode:
                        foreach (string tool in StringArguments(attribute))
                        {
                            generated |= tool == SpecContract.GeneratorName || tool == SpecContract.PendingStubMarker;
                            stub |= tool == SpecContract.PendingStubMarker;
                            break;
                        }

                        break;
                }
            }

            return new Links(Distinct(implements), Distinct(verifies), generated, stub);
        }

        private static ImmutableArray<string> Distinct(ImmutableArray<string>.Builder? ids)
        {
            if (ids is null)
            {
                return [];
            }

            var set = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string id in ids)
            {
                string trimmed = id.Trim();
                if (trimmed.Length > 0)
                {
                    set.Add(trimmed);
                }
            }

            return [.. set];
        }

        private TypeInfo Info(TypeDefinitionHandle handle)
        {
            if (_types.TryGetValue(handle, out TypeInfo? known))
            {
                return known;
            }

            TypeDefinition definition = _reader.GetTypeDefinition(handle);
            string name = _reader.GetString(definition.Name);
            TypeDefinitionHandle enclosingHandle = definition.GetDeclaringType();
            Links links = ReadLinks(definition.GetCustomAttributes());
            TypeInfo info;
            if (enclosingHandle.IsNil)
            {
                string ns = _reader.GetString(definition.Namespace);
                string key = ns.Length == 0 ? name : ns + "." + name;
                string display = ns.Length == 0 ? SymbolNames.WithoutArity(name) : ns + "." + SymbolNames.WithoutArity(name);
                bool pending = ns == PendingTestsNamespace || ns.StartsWith(PendingTestsNamespace + ".", StringComparison.Ordinal);
                info = new TypeInfo(name, key, display, null, links, !links.Verifies.IsEmpty, links.SpecGuardGenerated, pending, name == "<Module>" && ns.Length == 0, links.Implements, links.Verifies);
            }
            else
            {
                // Guard against a corrupt nesting cycle: mark this handle before recursing.
                _types[handle] = new TypeInfo(name, name, name, null, links, false, false, false, false, [], []);
                TypeInfo enclosing = Info(enclosingHandle);
                string display = SymbolNames.IsCompilerGenerated(name) ? enclosing.UserDisplayName : enclosing.UserDisplayName + "." + SymbolNames.WithoutArity(name);
                info = new TypeInfo(
                    name,
                    enclosing.Key + "." + name,
                    display,
                    enclosing.Key,
                    links,
                    !links.Verifies.IsEmpty || enclosing.VerifiesInChain,
                    links.SpecGuardGenerated || enclosing.GeneratedInChain,
                    enclosing.InPendingNamespace,
                    false,
                    Union(enclosing.ImplementsInChain, links.Implements),
                    Union(enclosing.VerifiesInChainIds, links.Verifies));
            }

            _types[handle] = info;
            return info;
        }

        private string? BaseKey(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return null; // interfaces and System.Object have no base type
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return Info((TypeDefinitionHandle)handle).Key;
                case HandleKind.TypeReference:
                    return ReferenceKey((TypeReferenceHandle)handle, 0);
                default:
                    return null;
            }
        }

        private string? ReferenceKey(TypeReferenceHandle handle, int depth)
        {
            TypeReference reference = _reader.GetTypeReference(handle);
            string name = _reader.GetString(reference.Name);
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                string? outer = depth < 32 ? ReferenceKey((TypeReferenceHandle)reference.ResolutionScope, depth + 1) : null;
                return outer is null ? null : outer + "." + name;
            }

            string ns = _reader.GetString(reference.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private SourceLocation? LocateType(TypeDefinition definition)
        {
            foreach (MethodDefinitionHandle method in definition.GetMethods())
            {
                SourceLocation? location = Locate(method);
                if (location is not null)
                {
                    return location;
                }
            }

            return null;
        }

        private SourceLocation? Locate(MethodDefinitionHandle method)
        {
            if (_pdb is null)
            {
                return null;
            }

            try
            {
                // An async or iterator method's body (and so its sequence points) is in its state machine's MoveNext.
                SequencePoint? point = FirstPoint(method) ?? (MoveNextOf(method) is { IsNil: false } moveNext ? FirstPoint(moveNext) : null);
                return point is { } found ? new SourceLocation(DisplayPath(_pdb.GetString(_pdb.GetDocument(found.Document).Name)), found.StartLine) : null;
            }
            catch (BadImageFormatException)
            {
                // A PDB that does not match its assembly only costs the location.
            }

            return null;
        }

        private SequencePoint? FirstPoint(MethodDefinitionHandle method)
        {
            foreach (SequencePoint point in _pdb!.GetMethodDebugInformation(method).GetSequencePoints())
            {
                if (!point.IsHidden)
                {
                    return point;
                }
            }

            return null;
        }

        /// <summary>The state machine's MoveNext of an async or iterator kickoff method, from the PDB's state-machine table (read once, when first needed).</summary>
        private MethodDefinitionHandle MoveNextOf(MethodDefinitionHandle kickoff)
        {
            if (_moveNextOf is null)
            {
                _moveNextOf = [];
                MetadataReader pdb = _pdb!;
                if (pdb.GetTableRowCount(TableIndex.StateMachineMethod) > 0)
                {
                    foreach (MethodDebugInformationHandle handle in pdb.MethodDebugInformation)
                    {
                        MethodDefinitionHandle owner = pdb.GetMethodDebugInformation(handle).GetStateMachineKickoffMethod();
                        if (!owner.IsNil)
                        {
                            _moveNextOf.TryAdd(owner, handle.ToDefinitionHandle());
                        }
                    }
                }
            }

            return _moveNextOf.TryGetValue(kickoff, out MethodDefinitionHandle moveNext) ? moveNext : default;
        }

        public void CollectDocuments()
        {
            if (_pdb is null)
            {
                return;
            }

            foreach (DocumentHandle handle in _pdb.Documents)
            {
                try
                {
                    Document document = _pdb.GetDocument(handle);
                    _assembly.Documents.Add(new PdbDocument(
                        _pdb.GetString(document.Name),
                        document.HashAlgorithm.IsNil ? Guid.Empty : _pdb.GetGuid(document.HashAlgorithm),
                        document.Hash.IsNil ? [] : _pdb.GetBlobContent(document.Hash)));
                }
                catch (BadImageFormatException)
                {
                    // A damaged document row: that document is not listed, and its files are not checked.
                }
            }
        }

        /// <summary>One <see cref="MethodSpan"/> per method and document, from every method's non-hidden sequence points.</summary>
        public void CollectSpans()
        {
            if (_pdb is null)
            {
                return;
            }

            int methodCount = _reader.GetTableRowCount(TableIndex.MethodDef);
            var ranges = new Dictionary<(MethodDefinitionHandle Owner, DocumentHandle Document), (int Start, int End)>();
            foreach (MethodDebugInformationHandle handle in _pdb.MethodDebugInformation)
            {
                try
                {
                    MethodDebugInformation information = _pdb.GetMethodDebugInformation(handle);
                    if (information.SequencePointsBlob.IsNil)
                    {
                        continue;
                    }

                    MethodDefinitionHandle kickoff = information.GetStateMachineKickoffMethod();
                    MethodDefinitionHandle owner = kickoff.IsNil ? handle.ToDefinitionHandle() : kickoff;
                    if (MetadataTokens.GetRowNumber(owner) > methodCount)
                    {
                        continue; // a PDB of another build: no such method
                    }

                    foreach (SequencePoint point in information.GetSequencePoints())
                    {
                        if (point.IsHidden)
                        {
                            continue;
                        }

                        var key = (owner, point.Document);
                        ranges[key] = ranges.TryGetValue(key, out (int Start, int End) range)
                            ? (Math.Min(range.Start, point.StartLine), Math.Max(range.End, point.EndLine))
                            : (point.StartLine, point.EndLine);
                    }
                }
                catch (BadImageFormatException)
                {
                    // A PDB that does not match its assembly only costs that method's span.
                }
            }

            if (ranges.Count == 0)
            {
                return;
            }

            Dictionary<MethodDefinitionHandle, (string Name, Links Links)> properties = AccessorProperties();
            var owners = new Dictionary<MethodDefinitionHandle, (string Symbol, string Kind, ImmutableArray<string> Implements, ImmutableArray<string> Verifies, bool Stub)>();
            var documents = new Dictionary<DocumentHandle, string>();
            foreach (((MethodDefinitionHandle owner, DocumentHandle documentHandle), (int start, int end)) in ranges)
            {
                try
                {
                    if (!owners.TryGetValue(owner, out var described))
                    {
                        described = DescribeOwner(owner, properties);
                        owners.Add(owner, described);
                    }

                    if (!documents.TryGetValue(documentHandle, out string? document))
                    {
                        document = _pdb.GetString(_pdb.GetDocument(documentHandle).Name);
                        documents.Add(documentHandle, document);
                    }

                    _assembly.Spans.Add(new MethodSpan(described.Symbol, described.Kind, _assembly.Name, document, start, end, described.Implements, described.Verifies, described.Stub));
                }
                catch (BadImageFormatException)
                {
                    // As above: a mismatched PDB costs the span, never the scan.
                }
            }

            _assembly.Spans.Sort(static (a, b) =>
            {
                int order = string.CompareOrdinal(a.Document, b.Document);
                order = order != 0 ? order : a.StartLine.CompareTo(b.StartLine);
                order = order != 0 ? order : a.EndLine.CompareTo(b.EndLine);
                order = order != 0 ? order : string.CompareOrdinal(a.Symbol, b.Symbol);
                return order != 0 ? order : string.CompareOrdinal(a.Kind, b.Kind);
            });
        }

        /// <summary>Each property accessor's property: its name and links (an accessor is covered by its property's <c>[Implements]</c>).</summary>
        private Dictionary<MethodDefinitionHandle, (string Name, Links Links)> AccessorProperties()
        {
            var accessors = new Dictionary<MethodDefinitionHandle, (string Name, Links Links)>();
            foreach (TypeDefinitionHandle typeHandle in _reader.TypeDefinitions)
            {
                foreach (PropertyDefinitionHandle propertyHandle in _reader.GetTypeDefinition(typeHandle).GetProperties())
                {
                    PropertyDefinition property = _reader.GetPropertyDefinition(propertyHandle);
                    (string, Links) entry = (_reader.GetString(property.Name), ReadLinks(property.GetCustomAttributes()));
                    PropertyAccessors methods = property.GetAccessors();
                    foreach (MethodDefinitionHandle accessor in (ReadOnlySpan<MethodDefinitionHandle>)[methods.Getter, methods.Setter, .. methods.Others])
                    {
                        if (!accessor.IsNil)
                        {
                            accessors.TryAdd(accessor, entry);
                        }
                    }
                }
            }

            return accessors;
        }

        private (string Symbol, string Kind, ImmutableArray<string> Implements, ImmutableArray<string> Verifies, bool Stub) DescribeOwner(
            MethodDefinitionHandle handle,
            Dictionary<MethodDefinitionHandle, (string Name, Links Links)> properties)
        {
            MethodDefinition method = _reader.GetMethodDefinition(handle);
            TypeInfo type = Info(method.GetDeclaringType());
            Links links = ReadLinks(method.GetCustomAttributes());
            string name = _reader.GetString(method.Name);
            ImmutableArray<string> implements = Union(type.ImplementsInChain, links.Implements);
            ImmutableArray<string> verifies = Union(type.VerifiesInChainIds, links.Verifies);
            if (properties.TryGetValue(handle, out (string Name, Links Links) property))
            {
                return (type.UserDisplayName + "." + property.Name, "property", Union(implements, property.Links.Implements), Union(verifies, property.Links.Verifies), links.PendingStub);
            }

            (string symbol, string kind) = name switch
            {
                ".ctor" => (type.UserDisplayName, "constructor"),
                ".cctor" => (type.UserDisplayName, "static constructor"),
                _ => Describe(type.UserDisplayName, name),
            };
            return (symbol, kind, implements, verifies, links.PendingStub);
        }

        private string DisplayPath(string documentPath)
        {
            if (!_displayPaths.TryGetValue(documentPath, out string? display))
            {
                display = Path.IsPathFullyQualified(documentPath) ? CommandLine.Display(documentPath, _currentDirectory) : documentPath.Replace('\\', '/');
                _displayPaths.Add(documentPath, display);
            }

            return display;
        }
    }

    private sealed record TypeInfo(
        string Name,
        string Key,
        string UserDisplayName,
        string? EnclosingKey,
        Links Links,
        bool VerifiesInChain,
        bool GeneratedInChain,
        bool InPendingNamespace,
        bool IsModuleType,
        ImmutableArray<string> ImplementsInChain,
        ImmutableArray<string> VerifiesInChainIds);
}
