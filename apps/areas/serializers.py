from rest_framework import serializers


class AreaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AreaWithSubsSerializer(AreaSerializer):
    subs = AreaSerializer(many=True)
