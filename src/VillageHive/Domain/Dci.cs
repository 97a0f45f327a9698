using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;

namespace VillageHive.Domain;

/// <summary>A message id a DCI client sent once: a second message with the same id from the same client is a replay (unique index).</summary>
public sealed class DciReceivedMessage
{
    public long Id { get; set; }
    /// <summary>The API client's client_id (who is authenticated, not what the header claims).</summary>
    public string ClientId { get; set; } = "";
    public string MessageId { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
}

/// <summary>
/// A search, subscribe or unsubscribe the registry answered, kept for <c>txn/status</c>: only the status of each request
/// of the batch, never the records found.
/// </summary>
public sealed class DciTransaction
{
    public long Id { get; set; }
    public string ClientId { get; set; } = "";
    public string TransactionId { get; set; } = "";
    public string CorrelationId { get; set; } = "";
    /// <summary>search, subscribe or unsubscribe.</summary>
    public string Action { get; set; } = "";
    /// <summary>JSON array of {reference_id, status, status_reason_code}.</summary>
    public string Statuses { get; set; } = "[]";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A client's standing question: "tell me when a household matching this filter changes".</summary>
public sealed class DciSubscription
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string ClientId { get; set; } = "";
    /// <summary>The filter as the client sent it (query type and query), parsed again by each scan.</summary>
    public string FilterType { get; set; } = "";
    public string Filter { get; set; } = "";
    /// <summary>Where notifications go: the subscriber's <c>…/notify</c>.</summary>
    public string NotifyUri { get; set; } = "";
    /// <summary>The receiver id the notifications carry (the subscriber's sender_id).</summary>
    public string SubscriberId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>The last household change already looked at (its UpdatedAt and Id): each change is seen once, in order.</summary>
    public DateTime SeenUpdatedAt { get; set; }
    public int SeenId { get; set; }
}

/// <summary>
/// A message to another system (an on-search, on-subscribe, on-unsubscribe, txn on-status callback or a notify),
/// kept until delivered: claimed by a conditional update, signed and posted, marked sent (<see cref="IOutboxMessage"/>).
/// </summary>
public sealed class DciOutboxMessage : IOutboxMessage
{
    public long Id { get; set; }
    public string ClientId { get; set; } = "";
    public string Url { get; set; } = "";
    public string Action { get; set; } = "";
    /// <summary>The header and message as JSON ({"header":…,"message":…}); signed when sent.</summary>
    public string Body { get; set; } = "";
    public int? SubscriptionId { get; set; }
    public int? HouseholdId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? GaveUpAt { get; set; }
}

/// <summary>A DCI client's Ed25519 public key, named in its signatures as "{sender_id}|{KeyId}|ed25519".</summary>
public sealed class DciSenderKey
{
    public int Id { get; set; }
    public string ClientId { get; set; } = "";
    public string KeyId { get; set; } = "";
    /// <summary>The 32-byte raw public key, base64.</summary>
    public string PublicKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>Reason codes of the Social Registry specification that the registry answers with.</summary>
public static class DciReasons
{
    public const string SearchCriteriaInvalid = "rjct.search_criteria.invalid";
    public const string PaginationInvalid = "rjct.pagination.invalid";
    public const string NotifyDetailsInvalid = "rjct.notify_details.invalid";
    public const string SubscriptionCodeInvalid = "rjct.subscription_code.invalid";
}

/// <summary>One test of the allow-list: an attribute, an operator and its values (already of the attribute's type).</summary>
public abstract record DciCondition;

public sealed record DciTest(string Attribute, string Operator, IReadOnlyList<object> Values) : DciCondition;

public sealed record DciAnd(DciCondition Left, DciCondition Right) : DciCondition;

public sealed record DciOr(DciCondition Left, DciCondition Right) : DciCondition;

public sealed record DciNot(DciCondition Inner) : DciCondition;

/// <summary>
/// The three query types of the Social Registry API (<c>idtype-value</c>, <c>expression</c>, <c>predicate</c>) over the
/// allow-list of household attributes (docs/interop.md). Anything else is refused with
/// <see cref="DciReasons.SearchCriteriaInvalid"/>; nothing about cases, referrals or protection can be named.
/// </summary>
public static class DciQuery
{
    public const string HouseholdId = "household_id";
    public const string IdPoorLevel = "idpoor_level";
    public const string VillageCode = "village_code";
    public const string CommuneCode = "commune_code";
    public const string BirthYear = "birth_year";
    public const string Sex = "sex";
    public const string HouseholdSize = "household_size";

    /// <summary>The attributes that may be searched (and the only ones a record carries).</summary>
    public static readonly IReadOnlyList<string> Attributes = [HouseholdId, IdPoorLevel, VillageCode, CommuneCode, BirthYear, Sex, HouseholdSize];

    private static readonly HashSet<string> Numeric = [HouseholdId, BirthYear, HouseholdSize];
    private static readonly HashSet<string> Operators = ["eq", "lt", "gt", "le", "ge", "in"];
    private const int MaxTests = 20;

    public sealed record Parsed(DciCondition? Condition, string? Error);

    public static Parsed Parse(string? queryType, JsonElement query)
    {
        var tests = 0;
        try
        {
            var condition = queryType switch
            {
                "idtype-value" => IdTypeValue(query),
                "expression" => ExpressionQuery(query, ref tests),
                "predicate" => Predicates(query, ref tests),
                _ => throw new QueryException("query_type must be idtype-value, expression or predicate"),
            };
            return new Parsed(condition, null);
        }
        catch (QueryException e)
        {
            return new Parsed(null, e.Message);
        }
    }

    private sealed class QueryException(string message) : Exception(message);

    private static DciTest IdTypeValue(JsonElement query)
    {
        if (query.ValueKind != JsonValueKind.Object || !query.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !query.TryGetProperty("value", out var value))
            throw new QueryException("An idtype-value query needs a type and a value");
        var attribute = type.GetString()!.ToLowerInvariant();
        return Test(attribute, "eq", value);
    }

    private static DciCondition ExpressionQuery(JsonElement query, ref int tests)
    {
        if (query.ValueKind != JsonValueKind.Object || !query.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("expression", out var expression) || expression.ValueKind != JsonValueKind.Object)
            throw new QueryException("An expression query needs value.expression");
        if (expression.TryGetProperty("collection", out var collection) && (collection.ValueKind != JsonValueKind.String || collection.GetString() != "Group"))
            throw new QueryException("Only the Group collection (households) can be searched");
        if (!expression.TryGetProperty("query", out var body) || body.ValueKind != JsonValueKind.Object)
            throw new QueryException("An expression query needs value.expression.query");
        return ExpressionObject(body, ref tests, 0);
    }

    private static DciCondition ExpressionObject(JsonElement body, ref int tests, int depth)
    {
        if (depth > 5) throw new QueryException("The expression is nested too deeply");
        DciCondition? all = null;
        foreach (var property in body.EnumerateObject())
        {
            DciCondition next;
            switch (property.Name)
            {
                case "$and" or "$or":
                    if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
                        throw new QueryException(property.Name + " needs a list of expressions");
                    DciCondition? joined = null;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object) throw new QueryException(property.Name + " needs a list of expressions");
                        var part = ExpressionObject(item, ref tests, depth + 1);
                        joined = joined is null ? part : property.Name == "$and" ? new DciAnd(joined, part) : new DciOr(joined, part);
                    }
                    next = joined!;
                    break;
                case "$not":
                    if (property.Value.ValueKind != JsonValueKind.Object) throw new QueryException("$not needs an expression");
                    next = new DciNot(ExpressionObject(property.Value, ref tests, depth + 1));
                    break;
                default:
                    next = AttributeExpression(property.Name, property.Value, ref tests);
                    break;
            }
            all = all is null ? next : new DciAnd(all, next);
        }
        return all ?? throw new QueryException("The expression is empty");
    }

    private static DciCondition AttributeExpression(string attribute, JsonElement value, ref int tests)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Count(ref tests);
            return Test(attribute, "eq", value);
        }
        DciCondition? all = null;
        foreach (var op in value.EnumerateObject())
        {
            Count(ref tests);
            DciCondition test = op.Name switch
            {
                "$eq" => Test(attribute, "eq", op.Value),
                "$ne" => new DciNot(Test(attribute, "eq", op.Value)),
                "$lt" => Test(attribute, "lt", op.Value),
                "$gt" => Test(attribute, "gt", op.Value),
                "$lte" => Test(attribute, "le", op.Value),
                "$gte" => Test(attribute, "ge", op.Value),
                "$in" => Test(attribute, "in", op.Value),
                _ => throw new QueryException($"Unknown operator {op.Name}"),
            };
            all = all is null ? test : new DciAnd(all, test);
        }
        return all ?? throw new QueryException($"No operator for {attribute}");
    }

    /// <summary>Each predicate is expression1 [and|or|not expression2]; the predicates of the list all have to hold (in seq_num order).</summary>
    private static DciCondition Predicates(JsonElement query, ref int tests)
    {
        if (query.ValueKind != JsonValueKind.Array || query.GetArrayLength() == 0) throw new QueryException("A predicate query is a list of predicates");
        DciCondition? all = null;
        foreach (var item in query.EnumerateArray().OrderBy(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("seq_num", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetDouble(out var d) ? d : 0))
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("expression1", out var e1)) throw new QueryException("A predicate needs expression1");
            Count(ref tests);
            var left = PredicateExpression(e1);
            DciCondition part = left;
            if (item.TryGetProperty("expression2", out var e2) && e2.ValueKind == JsonValueKind.Object)
            {
                Count(ref tests);
                var right = PredicateExpression(e2);
                var condition = !item.TryGetProperty("condition", out var c) ? "and" : c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                part = condition switch
                {
                    "and" => new DciAnd(left, right),
                    "or" => new DciOr(left, right),
                    "not" => new DciAnd(left, new DciNot(right)),
                    _ => throw new QueryException("condition must be and, or or not"),
                };
            }
            all = all is null ? part : new DciAnd(all, part);
        }
        return all!;
    }

    private static DciTest PredicateExpression(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("attribute_name", out var name) || name.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("operator", out var op) || op.ValueKind != JsonValueKind.String || !e.TryGetProperty("attribute_value", out var value))
            throw new QueryException("An expression needs attribute_name, operator and attribute_value");
        return Test(name.GetString()!, op.GetString()!, value);
    }

    private static void Count(ref int tests)
    {
        if (++tests > MaxTests) throw new QueryException($"At most {MaxTests} conditions");
    }

    private static DciTest Test(string attribute, string op, JsonElement value)
    {
        if (!Attributes.Contains(attribute)) throw new QueryException($"{attribute} cannot be searched; allowed: {string.Join(", ", Attributes)}");
        if (!Operators.Contains(op)) throw new QueryException($"Unknown operator {op}");
        if (!Numeric.Contains(attribute) && op is not ("eq" or "in")) throw new QueryException($"{attribute} takes eq or in");
        var raw = op == "in"
            ? value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : throw new QueryException("in takes a list")
            : [value];
        if (raw.Count is 0 or > 100) throw new QueryException("in takes 1 to 100 values");
        return new DciTest(attribute, op, raw.Select(v => Value(attribute, v)).ToList());
    }

    private static object Value(string attribute, JsonElement v)
    {
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!.Trim(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new QueryException($"{attribute}: a value must be text or a number"),
        };
        switch (attribute)
        {
            case HouseholdId or BirthYear or HouseholdSize:
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new QueryException($"{attribute} takes a whole number");
            case IdPoorLevel:
                return text.ToLowerInvariant() switch
                {
                    "level1" or "1" => IdPoorStatus.Level1,
                    "level2" or "2" => IdPoorStatus.Level2,
                    "not_poor" => IdPoorStatus.NotPoor,
                    "not_assessed" => IdPoorStatus.NotAssessed,
                    _ => throw new QueryException("idpoor_level is level1, level2, not_poor or not_assessed"),
                };
            case Sex:
                return text.ToLowerInvariant() switch
                {
                    "female" or "f" => Domain.Sex.Female,
                    "male" or "m" => Domain.Sex.Male,
                    _ => throw new QueryException("sex is female or male"),
                };
            default:
                return text.Length is > 0 and <= 12 && text.All(char.IsAsciiDigit) ? text : throw new QueryException($"{attribute} takes a gazetteer code");
        }
    }

    /// <summary>The IDPoor level as a record shows it.</summary>
    public static string IdPoorName(IdPoorStatus s) => s switch
    {
        IdPoorStatus.Level1 => "level1",
        IdPoorStatus.Level2 => "level2",
        IdPoorStatus.NotPoor => "not_poor",
        _ => "not_assessed",
    };

    /// <summary>The condition as a filter on households, for the SQL.</summary>
    public static Expression<Func<Household, bool>> ToPredicate(DciCondition condition)
    {
        var h = System.Linq.Expressions.Expression.Parameter(typeof(Household), "h");
        return System.Linq.Expressions.Expression.Lambda<Func<Household, bool>>(Build(condition, h), h);
    }

    private static System.Linq.Expressions.Expression Build(DciCondition c, ParameterExpression h) => c switch
    {
        DciAnd a => System.Linq.Expressions.Expression.AndAlso(Build(a.Left, h), Build(a.Right, h)),
        DciOr o => System.Linq.Expressions.Expression.OrElse(Build(o.Left, h), Build(o.Right, h)),
        DciNot n => System.Linq.Expressions.Expression.Not(Build(n.Inner, h)),
        DciTest t => t.Values.Select(v => Compare(t, v, h)).Aggregate(System.Linq.Expressions.Expression.OrElse),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static readonly Expression<Func<Person, bool>> Current = m => m.MergedIntoPersonId == null;
    private static readonly Expression<Func<Person, int?>> YearOfBirth = m => m.DateOfBirth != null ? m.DateOfBirth.Value.Year : m.EstimatedBirthYear;
    private static readonly Expression<Func<Household, int>> Size = h => h.Members.Count(m => m.MergedIntoPersonId == null);
    private static readonly Expression<Func<Household, string>> Village = h => h.Village!.Code;
    private static readonly Expression<Func<Household, string>> Commune = h => h.Village!.Commune!.Code;

    private static System.Linq.Expressions.Expression Compare(DciTest t, object value, ParameterExpression h)
    {
        switch (t.Attribute)
        {
            case HouseholdId:
                return Op(t.Operator, System.Linq.Expressions.Expression.Property(h, nameof(Household.Id)), System.Linq.Expressions.Expression.Constant((int)value));
            case HouseholdSize:
                return Op(t.Operator, Bind(Size, h), System.Linq.Expressions.Expression.Constant((int)value));
            case IdPoorLevel:
                return System.Linq.Expressions.Expression.Equal(System.Linq.Expressions.Expression.Property(h, nameof(Household.IdPoor)), System.Linq.Expressions.Expression.Constant((IdPoorStatus)value));
            case VillageCode:
                return System.Linq.Expressions.Expression.Equal(Bind(Village, h), System.Linq.Expressions.Expression.Constant((string)value));
            case CommuneCode:
                return System.Linq.Expressions.Expression.Equal(Bind(Commune, h), System.Linq.Expressions.Expression.Constant((string)value));
            case BirthYear:
            {
                var m = YearOfBirth.Parameters[0];
                var test = System.Linq.Expressions.Expression.AndAlso(Bind(Current, m),
                    Op(t.Operator, YearOfBirth.Body, System.Linq.Expressions.Expression.Constant((int?)(int)value, typeof(int?))));
                return AnyMember(h, System.Linq.Expressions.Expression.Lambda<Func<Person, bool>>(test, m));
            }
            case Sex:
            {
                var m = System.Linq.Expressions.Expression.Parameter(typeof(Person), "m");
                var test = System.Linq.Expressions.Expression.AndAlso(Bind(Current, m),
                    System.Linq.Expressions.Expression.Equal(System.Linq.Expressions.Expression.Property(m, nameof(Person.Sex)), System.Linq.Expressions.Expression.Constant((Sex)value)));
                return AnyMember(h, System.Linq.Expressions.Expression.Lambda<Func<Person, bool>>(test, m));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(t));
        }
    }

    private static BinaryExpression Op(string op, System.Linq.Expressions.Expression left, System.Linq.Expressions.Expression right) => op switch
    {
        "lt" => System.Linq.Expressions.Expression.LessThan(left, right),
        "gt" => System.Linq.Expressions.Expression.GreaterThan(left, right),
        "le" => System.Linq.Expressions.Expression.LessThanOrEqual(left, right),
        "ge" => System.Linq.Expressions.Expression.GreaterThanOrEqual(left, right),
        _ => System.Linq.Expressions.Expression.Equal(left, right),
    };

    private static MethodCallExpression AnyMember(ParameterExpression h, Expression<Func<Person, bool>> test) =>
        System.Linq.Expressions.Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(Person)],
            System.Linq.Expressions.Expression.Property(h, nameof(Household.Members)), test);

    /// <summary>The body of a one-parameter lambda with its parameter replaced.</summary>
    private static System.Linq.Expressions.Expression Bind<T, TResult>(Expression<Func<T, TResult>> lambda, ParameterExpression p) =>
        new Rebind(lambda.Parameters[0], p).Visit(lambda.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
