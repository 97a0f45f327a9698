namespace VillageHive.Data;

/// <summary>
/// Schema objects that EF does not model, created by the ScaleIndexes migration (carry these calls over if the
/// migration is regenerated) and dropped/recreated by the bulk loader around a large load:
/// <list type="bullet">
/// <item>triggers on Persons that keep Households.HeadNameKm/HeadNameLatin equal to the household's first head
/// (by id, merged records left out), on both providers;</item>
/// <item>on SQLite, the FTS5 table PersonSearch (trigram tokenizer, external content = Persons.SearchName) and the
/// triggers that keep it in step: a partial-name search reads the trigram index instead of every name.</item>
/// </list>
/// A SQLite migration that rebuilds the Persons table drops its triggers: such a migration must call
/// <see cref="SqliteCreate"/> again.
/// </summary>
public static class DerivedSchema
{
    private const string HeadKm = """
        COALESCE((SELECT p."FamilyNameKm" || ' ' || p."GivenNameKm" FROM "Persons" p
                  WHERE p."HouseholdId" = "Households"."Id" AND p."RelationToHead" = 0 AND p."MergedIntoPersonId" IS NULL
                  ORDER BY p."Id" LIMIT 1), '')
        """;

    private const string HeadLatin = """
        (SELECT NULLIF(TRIM(COALESCE(p."FamilyNameLatin", '') || ' ' || COALESCE(p."GivenNameLatin", '')), '') FROM "Persons" p
         WHERE p."HouseholdId" = "Households"."Id" AND p."RelationToHead" = 0 AND p."MergedIntoPersonId" IS NULL
         ORDER BY p."Id" LIMIT 1)
        """;

    private static string UpdateHeads(string households) =>
        $"""UPDATE "Households" SET "HeadNameKm" = {HeadKm}, "HeadNameLatin" = {HeadLatin} WHERE "Id" IN ({households})""";

    /// <summary>Fills the head columns of every household (after a bulk load, or when the triggers are first made).</summary>
    public static string RefreshAllHeads => $"""UPDATE "Households" SET "HeadNameKm" = {HeadKm}, "HeadNameLatin" = {HeadLatin}""";

    private const string Watched = """ "FamilyNameKm", "GivenNameKm", "FamilyNameLatin", "GivenNameLatin", "RelationToHead", "HouseholdId", "MergedIntoPersonId" """;

    public static readonly string[] SqliteCreate =
    [
        $"""
        CREATE TRIGGER "Persons_Head_Insert" AFTER INSERT ON "Persons" WHEN NEW."RelationToHead" = 0
        BEGIN {UpdateHeads("NEW.\"HouseholdId\"")}; END
        """,
        $"""
        CREATE TRIGGER "Persons_Head_Update" AFTER UPDATE OF {Watched} ON "Persons"
        BEGIN {UpdateHeads("NEW.\"HouseholdId\", OLD.\"HouseholdId\"")}; END
        """,
        $"""
        CREATE TRIGGER "Persons_Head_Delete" AFTER DELETE ON "Persons" WHEN OLD."RelationToHead" = 0
        BEGIN {UpdateHeads("OLD.\"HouseholdId\"")}; END
        """,
        """CREATE VIRTUAL TABLE "PersonSearch" USING fts5("SearchName", content='Persons', content_rowid='Id', tokenize='trigram')""",
        """INSERT INTO "PersonSearch"("PersonSearch") VALUES ('rebuild')""",
        """
        CREATE TRIGGER "Persons_Search_Insert" AFTER INSERT ON "Persons"
        BEGIN INSERT INTO "PersonSearch"(rowid, "SearchName") VALUES (NEW."Id", NEW."SearchName"); END
        """,
        """
        CREATE TRIGGER "Persons_Search_Delete" AFTER DELETE ON "Persons"
        BEGIN INSERT INTO "PersonSearch"("PersonSearch", rowid, "SearchName") VALUES ('delete', OLD."Id", OLD."SearchName"); END
        """,
        """
        CREATE TRIGGER "Persons_Search_Update" AFTER UPDATE OF "SearchName" ON "Persons"
        BEGIN
            INSERT INTO "PersonSearch"("PersonSearch", rowid, "SearchName") VALUES ('delete', OLD."Id", OLD."SearchName");
            INSERT INTO "PersonSearch"(rowid, "SearchName") VALUES (NEW."Id", NEW."SearchName");
        END
        """,
        RefreshAllHeads,
    ];

    public static readonly string[] SqliteDrop =
    [
        """DROP TRIGGER IF EXISTS "Persons_Search_Update" """,
        """DROP TRIGGER IF EXISTS "Persons_Search_Delete" """,
        """DROP TRIGGER IF EXISTS "Persons_Search_Insert" """,
        """DROP TABLE IF EXISTS "PersonSearch" """,
        """DROP TRIGGER IF EXISTS "Persons_Head_Delete" """,
        """DROP TRIGGER IF EXISTS "Persons_Head_Update" """,
        """DROP TRIGGER IF EXISTS "Persons_Head_Insert" """,
    ];

    public static readonly string[] PostgresCreate =
    [
        $"""
        CREATE FUNCTION hive_household_head() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."RelationToHead" = 0 THEN {UpdateHeads("NEW.\"HouseholdId\"")}; END IF;
            ELSIF TG_OP = 'DELETE' THEN
                IF OLD."RelationToHead" = 0 THEN {UpdateHeads("OLD.\"HouseholdId\"")}; END IF;
            ELSE
                {UpdateHeads("NEW.\"HouseholdId\", OLD.\"HouseholdId\"")};
            END IF;
            RETURN NULL;
        END $$
        """,
        """CREATE TRIGGER "Persons_Head_Insert_Delete" AFTER INSERT OR DELETE ON "Persons" FOR EACH ROW EXECUTE FUNCTION hive_household_head()""",
        $"""CREATE TRIGGER "Persons_Head_Update" AFTER UPDATE OF {Watched} ON "Persons" FOR EACH ROW EXECUTE FUNCTION hive_household_head()""",
        RefreshAllHeads,
    ];

    public static readonly string[] PostgresDrop =
    [
        """DROP TRIGGER IF EXISTS "Persons_Head_Update" ON "Persons" """,
        """DROP TRIGGER IF EXISTS "Persons_Head_Insert_Delete" ON "Persons" """,
        """DROP FUNCTION IF EXISTS hive_household_head()""",
    ];
}
