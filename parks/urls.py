"""Parks URLs: inventory, admission, leasing and sales, occupancy."""

from django.urls import path

from parks.views import admission, inventory, leasing, occupancy, sales, security

app_name = "parks"
urlpatterns = [
    path("operator/security/", security.operator_security, name="operator_security"),
    path(
        "operator/<int:organisation_id>/security/",
        security.operator_security_change,
        name="operator_security_update",
    ),
    path("parks/", inventory.park_list, name="park_list"),
    path("parks/<int:park_id>/", inventory.park_detail, name="park"),
    path("operator/parks/", inventory.operator_parks, name="operator_parks"),
    path(
        "operator/parks/<int:park_id>/settings/",
        inventory.park_settings,
        name="park_settings",
    ),
    path(
        "operator/parks/<int:park_id>/buildings/", inventory.buildings, name="buildings"
    ),
    path(
        "operator/buildings/<int:building_id>/",
        inventory.building_edit,
        name="building_edit",
    ),
    path(
        "operator/parks/<int:park_id>/units/", inventory.units_admin, name="units_admin"
    ),
    path(
        "operator/parks/<int:park_id>/units/new/", inventory.unit_new, name="unit_new"
    ),
    path("operator/units/<int:unit_id>/edit/", inventory.unit_edit, name="unit_edit"),
    path(
        "operator/parks/<int:park_id>/units/import/",
        inventory.unit_import,
        name="unit_import",
    ),
    path(
        "operator/parks/<int:park_id>/units/template.xlsx",
        inventory.unit_template,
        name="unit_template",
    ),
    path(
        "operator/parks/<int:park_id>/units/export.<str:fmt>",
        inventory.unit_export,
        name="unit_export",
    ),
    path("admissions/", admission.admission_list, name="admission_list"),
    path("parks/<int:park_id>/apply/", admission.admission_new, name="admission_new"),
    path(
        "parks/<int:park_id>/apply/preview/",
        admission.admission_preview,
        name="admission_preview",
    ),
    path(
        "admissions/<int:admission_id>/", admission.admission_detail, name="admission"
    ),
    path(
        "admissions/<int:admission_id>/edit/",
        admission.admission_edit,
        name="admission_edit",
    ),
    path(
        "admissions/<int:admission_id>/submit/",
        admission.admission_submit,
        name="admission_submit",
    ),
    path(
        "admissions/<int:admission_id>/withdraw/",
        admission.admission_withdraw,
        name="admission_withdraw",
    ),
    path(
        "admissions/<int:admission_id>/decide/",
        admission.admission_decide,
        name="admission_decide",
    ),
    path(
        "admissions/<int:admission_id>/officer/",
        admission.admission_officer,
        name="admission_officer",
    ),
    path("operator/admissions/", admission.admission_queue, name="admission_queue"),
    path("units/<int:unit_id>/lease/", leasing.lease_apply, name="lease_apply"),
    path(
        "lease-applications/",
        leasing.lease_application_list,
        name="lease_application_list",
    ),
    path(
        "lease-applications/<int:application_id>/",
        leasing.lease_application_detail,
        name="lease_application",
    ),
    path(
        "lease-applications/<int:application_id>/withdraw/",
        leasing.lease_application_withdraw,
        name="lease_application_withdraw",
    ),
    path("leases/", leasing.lease_list, name="lease_list"),
    path("leases/<int:lease_id>/", leasing.lease_detail, name="lease"),
    path(
        "leases/<int:lease_id>/contract.pdf",
        leasing.lease_contract,
        name="lease_contract",
    ),
    path(
        "leases/<int:lease_id>/activate/", leasing.lease_activate, name="lease_activate"
    ),
    path("leases/<int:lease_id>/renew/", leasing.lease_renew, name="lease_renew"),
    path(
        "leases/<int:lease_id>/terminate/",
        leasing.lease_terminate,
        name="lease_terminate",
    ),
    path("units/<int:unit_id>/buy/", sales.sale_apply, name="sale_apply"),
    path("sales/", sales.sale_list, name="sale_list"),
    path("sales/<int:sale_id>/", sales.sale_detail, name="sale"),
    path("sales/<int:sale_id>/complete/", sales.sale_complete, name="sale_complete"),
    path("sales/<int:sale_id>/withdraw/", sales.sale_withdraw, name="sale_withdraw"),
    path("operator/occupancy/", occupancy.occupancy_parks, name="occupancy_parks"),
    path(
        "operator/parks/<int:park_id>/dashboard/",
        occupancy.park_dashboard,
        name="park_dashboard",
    ),
    path(
        "operator/parks/<int:park_id>/stacking/",
        occupancy.stacking,
        name="stacking_plan",
    ),
    path(
        "operator/units/<int:unit_id>/panel/",
        occupancy.stacking_unit,
        name="stacking_unit",
    ),
    path(
        "operator/parks/<int:park_id>/rent-roll/",
        occupancy.rent_roll_page,
        name="rent_roll",
    ),
    path(
        "operator/parks/<int:park_id>/rent-roll.xlsx",
        occupancy.rent_roll_export,
        name="rent_roll_export",
    ),
]
