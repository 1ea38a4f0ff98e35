{{- define "ringgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ringgate.fullname" -}}
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

{{- define "ringgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ringgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ringgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ringgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "ringgate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ringgate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ringgate.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The environment variable of a property: upper case, every other character than a letter or digit an underscore. */}}
{{- define "ringgate.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper }}
{{- end }}

{{/* The operator key's Secret: required, there is no default key. */}}
{{- define "ringgate.operatorKeySecret" -}}
{{- required "operatorKey.existingSecret is required: name a Secret holding the bootstrap operator key (at least 32 characters)" .Values.operatorKey.existingSecret }}
{{- end }}

{{- define "ringgate.databaseSecret" -}}
{{- required "database.existingSecret is required with store: postgresql: name a Secret holding the database password" .Values.database.existingSecret }}
{{- end }}

{{/* Kafka client properties, including the truststore of trustedCA. */}}
{{- define "ringgate.kafkaClientProperties" -}}
{{- $props := deepCopy .Values.kafka.clientProperties }}
{{- if .Values.kafka.trustedCA.existingSecret }}
{{- $_ := set $props "ssl.truststore.type" "PEM" }}
{{- $_ := set $props "ssl.truststore.location" (printf "/etc/ringgate/kafka-ca/%s" .Values.kafka.trustedCA.key) }}
{{- end }}
{{- range $k, $v := $props }}
ringgate.kafka.client."{{ $k }}"={{ $v }}
{{- end }}
{{- end }}

{{/* A required list of NetworkPolicy peers: an empty one would allow every destination. */}}
{{- define "ringgate.peers" -}}
{{- $peers := index . 1 }}
{{- if not $peers }}
{{- fail (index . 0) }}
{{- end }}
{{- toYaml $peers }}
{{- end }}
