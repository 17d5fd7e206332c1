using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>Names a pair in storage keys and job data.</summary>
public sealed record PairKey(string TenantId, string ProgramId, string PairId)
{
    public static PairKey Of(Pair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new(pair.TenantId, pair.ProgramId, pair.PairId);
    }

    public static PairKey Of(ExpectationsAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new(agreement.TenantId, agreement.ProgramId, agreement.PairId);
    }
}
