from django import forms

from .models import User


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "language", "time_zone", "home_city"]
