using System.Reflection.Metadata;

namespace SpecGuard.Cli.Report;

/// <summary>
/// Names types while <see cref="CustomAttribute.DecodeValue{TType}"/> decodes an attribute blob. SpecGuard only decodes
/// its own attributes (<c>params string[]</c>) and <c>GeneratedCodeAttribute(string, string)</c>, so a type is just its name.
/// </summary>
internal sealed class AttributeTypeProvider : ICustomAttributeTypeProvider<string>
{
    public static readonly AttributeTypeProvider Instance = new();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetSystemType() => "System.Type";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        TypeReference type = reader.GetTypeReference(handle);
        return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
    }

    public string GetTypeFromSerializedName(string name) => name;

    // Enums in attribute blobs cannot be sized without loading the assembly that declares them; the attributes SpecGuard
    // decodes have none, and a wrong guess surfaces as BadImageFormatException, which the scanner reports.
    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

    public bool IsSystemType(string type) => type == "System.Type";
}
