// Example parameters for infra/main.bicep. Copy this file per environment and edit the values.
//   export MENTORBOT_BOT_PASSWORD='<client secret of the bot app registration>'
//   az deployment group create -g rg-mentorbot --template-file infra/main.bicep --parameters infra/main.bicepparam
using './main.bicep'

// Short name for the resources (lowercase letters, digits, hyphens; 3-16 characters).
param baseName = 'mentorbot'

// Application (client) id of the bot's single-tenant Entra app registration (the bot's Microsoft App ID).
// Replace with yours; the same id goes into the Teams app package (tools/manifest/build-package.mjs --app-id).
param botAppId = '00000000-0000-0000-0000-000000000000'

// The client secret is read from the environment at deployment time, never written in this file.
// It ends up only in Key Vault; the web app reads it through a Key Vault reference.
param botAppPassword = readEnvironmentVariable('MENTORBOT_BOT_PASSWORD')

// botTenantId and allowedTenantId default to the tenant you deploy into. Set them when the bot's app
// registration lives in another tenant:
// param botTenantId = '<tenant id>'
// param allowedTenantId = '<tenant id>'

// F0 is free and enough for Teams (a standard channel); S1 for an SLA.
param botSku = 'F0'

// B1 is the smallest plan with "always on"; use P0v3 or P1v3 for production.
param appServicePlanSku = 'B1'
param instanceCount = 1

// Downloads (CSV reports, "my data") need the bot's public address. Deploy once, then set it from the
// webAppHostName output (or your custom domain) and register <address>downloads/signin-oidc as a web redirect
// URI of the app registration with "ID tokens" enabled. Empty keeps downloads off.
param publicBaseUrl = ''

param storageSku = 'Standard_LRS'
param storageTablePrefix = 'mentorbot'

// Keep purge protection on in production. Turn it off only for throw-away test environments.
param keyVaultPurgeProtection = true

param logRetentionInDays = 30

param tags = {
  application: 'MentorBot'
  environment: 'production'
}
