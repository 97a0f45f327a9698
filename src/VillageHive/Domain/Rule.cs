using System.Linq.Expressions;

namespace VillageHive.Domain;

/// <summary>
/// A business rule written once, as an expression: EF Core turns <see cref="Sql"/> into SQL inside a query, and its
/// compiled twin answers the same question in memory (a page holding a row, a unit test).
/// </summary>
public sealed class Rule<T>(Expression<Func<T, bool>> expression)
{
    private readonly Func<T, bool> compiled = expression.Compile();

    public Expression<Func<T, bool>> Sql => expression;

    public bool Holds(T item) => compiled(item);

    /// <summary>This rule and a condition on an argument: one rule, so its first half is not written again.</summary>
    public Rule<T, TArg> And<TArg>(Expression<Func<T, TArg, bool>> more)
    {
        var item = more.Parameters[0];
        var mine = new Replace(expression.Parameters[0], item).Visit(expression.Body);
        return new Rule<T, TArg>(Expression.Lambda<Func<T, TArg, bool>>(Expression.AndAlso(mine, more.Body), more.Parameters));
    }
}

/// <summary>Predicates joined into one, so that a query has one SQL WHERE and each part is written once.</summary>
public static class Predicates
{
    /// <summary>Either predicate, for lists like "in my villages or on my team".</summary>
    public static Expression<Func<T, bool>> Or<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Join(left, right, Expression.OrElse);

    public static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Join(left, right, Expression.AndAlso);

    public static Expression<Func<T, bool>> AndNot<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Join(left, right, (a, b) => Expression.AndAlso(a, Expression.Not(b)));

    private static Expression<Func<T, bool>> Join<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right, Func<Expression, Expression, Expression> join)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var rightBody = new Replace(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(join(left.Body, rightBody), left.Parameters);
    }
}

/// <summary>Puts one expression where a parameter was, to join rules into one expression tree.</summary>
internal sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}

/// <summary>A rule that also takes an argument (the day asked about, say), given as a query parameter in SQL.</summary>
public sealed class Rule<T, TArg>(Expression<Func<T, TArg, bool>> expression)
{
    private readonly Func<T, TArg, bool> compiled = expression.Compile();

    public bool Holds(T item, TArg argument) => compiled(item, argument);

    /// <summary>This rule and another condition on the same argument.</summary>
    public Rule<T, TArg> And(Expression<Func<T, TArg, bool>> more)
    {
        var mine = new Replace(expression.Parameters[1], more.Parameters[1])
            .Visit(new Replace(expression.Parameters[0], more.Parameters[0]).Visit(expression.Body));
        return new Rule<T, TArg>(Expression.Lambda<Func<T, TArg, bool>>(Expression.AndAlso(mine, more.Body), more.Parameters));
    }

    /// <summary>The rule for one argument, ready for <c>Where</c>; the argument goes to the database as a parameter.</summary>
    public Expression<Func<T, bool>> Sql(TArg argument)
    {
        // A field of a closure, as the C# compiler makes for a captured variable: EF Core sends it as a parameter,
        // so the query's SQL (and its cached plan) is the same whatever the argument.
        var value = Expression.Field(Expression.Constant(new Box(argument)), nameof(Box.Value));
        var body = new Replace(expression.Parameters[1], value).Visit(expression.Body);
        return Expression.Lambda<Func<T, bool>>(body, expression.Parameters[0]);
    }

    private sealed class Box(TArg value)
    {
#pragma warning disable CA1051 // A field, not a property: the shape EF Core recognises as a captured variable.
        public readonly TArg Value = value;
#pragma warning restore CA1051
    }
}
