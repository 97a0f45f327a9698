namespace VillageHive;

/// <summary>Marker for the one shared resource file (Resources/SharedResource.{km,en}.resx).</summary>
public sealed class SharedResource;
