using ChatCloud.Contracts.Auth;
using ChatCloud.Messaging;
using ChatCloud.Recommendations.Api;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Privacy;
using Microsoft.Extensions.Options;

namespace ChatCloud.Recommendations;

public static class RecommendationsRegistration
{
    /// <summary>The resources the recommendations service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddRecommendations(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RecommendationsOptions>()
            .BindConfiguration(RecommendationsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DismissalStore>();
        services.AddHostedService<SchemaInitializer>();
        // After the schema (hosted services start in registration order): a deleted account's dismissals go (docs/privacy.md).
        services.AddEventHandler<AccountDeleted, DeletedAccountDismissals>("recommendations.account-deleted");
        // Until the event consumers exist (issue 7, "Events"), the model learns from the generated workload.
        services.AddSingleton<IInteractionSource, GeneratedInteractionSource>();
        services.AddSingleton(sp => new ModelStore(sp.GetRequiredService<IOptions<RecommendationsOptions>>().Value.ResolvedModelDirectory));
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<ModelHolder>();
        services.AddSingleton<RetrainingProgress>();
        services.AddSingleton<RetrainingService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetrainingService>());
        services.AddProblemDetails();
        return builder;
    }
}
