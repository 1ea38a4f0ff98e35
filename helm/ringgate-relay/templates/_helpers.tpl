{{- define "ringgate-relay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ringgate-relay.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "ringgate-relay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ringgate-relay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ringgate-relay.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ringgate-relay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "ringgate-relay.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ringgate-relay.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ringgate-relay.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The environment variable of a property: upper case, every other character than a letter or digit an underscore. */}}
{{- define "ringgate-relay.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper }}
{{- end }}

{{/* The relay key's Secret: required, there is no default key. */}}
{{- define "ringgate-relay.relayKeySecret" -}}
{{- required "relayKey.existingSecret is required: name a Secret holding the tenant's RELAY key" .Values.relayKey.existingSecret }}
{{- end }}
